package io.quarkiverse.restclient.verify.trust.lookups;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import io.quarkiverse.restclient.verify.trust.Printable;

/**
 * The HTTP requests that certificates ask for (caIssuers, OCSP, CRL), made with one deadline each for resolving,
 * connecting, redirects and the whole answer; only to addresses {@link LookupAddresses} allows, judged on the address
 * actually connected to (so a second DNS answer cannot differ), again at each redirect; bounded in size; without
 * credentials, cookies or caches. Concurrent requests for the same thing share one request.
 * <p>
 * A request runs on a small pool of daemon threads and is answered through a {@link CompletableFuture}, so a caller
 * that must not block can wait asynchronously; {@link #sendAndWait} is the blocking form.
 */
public final class PkiLookups {

    /** The longest status line and headers read. */
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    /** Look-ups running at once; each ends by its deadline, so this bounds threads, not waiting. */
    private static final int MAX_RUNNING = 64;
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ThreadPoolExecutor WORKERS = new ThreadPoolExecutor(0, MAX_RUNNING, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "rest-client-verify-lookup-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    /**
     * One look-up.
     *
     * @param method GET or POST
     * @param uri an http or https URL
     * @param body the POST body, empty for GET
     * @param contentType the POST body's type, or null
     * @param accept the Accept header
     * @param maxBytes the largest answer accepted
     * @param maxRedirects how many redirects (to the same scheme) are followed; with 0 a redirect is answered as is
     */
    public record Request(String method, URI uri, byte[] body, String contentType, String accept, int maxBytes,
            int maxRedirects) {

        /** A GET. */
        public static Request get(URI uri, String accept, int maxBytes, int maxRedirects) {
            return new Request("GET", uri, new byte[0], null, accept, maxBytes, maxRedirects);
        }

        /** A POST, redirects not followed. */
        public static Request post(URI uri, byte[] body, String contentType, String accept, int maxBytes) {
            return new Request("POST", uri, body, contentType, accept, maxBytes, 0);
        }

        String key(Optional<InetSocketAddress> proxy) {
            return method + ' ' + uri + ' ' + proxy.map(InetSocketAddress::toString).orElse("direct") + ' '
                    + Base64.getEncoder().encodeToString(body);
        }
    }

    /**
     * An answer.
     *
     * @param uri where it came from, after redirects
     * @param status the HTTP status
     * @param body the body, empty for a redirect that was not followed
     */
    public record Response(URI uri, int status, byte[] body) {
    }

    /** Why there is no answer. */
    public enum Kind {
        /** The address is not allowed ({@link LookupAddresses}). */
        REFUSED,
        /** No complete answer before the deadline. */
        TIMED_OUT,
        /** The answer is larger than allowed. */
        TOO_LARGE,
        /** A redirect that is not followed. */
        REDIRECT,
        /** Nobody listens there. */
        CONNECTION_REFUSED,
        /** Anything else: unknown host, a broken answer, a TLS failure. */
        FAILED
    }

    /** A look-up without an answer; the message says why, with server-chosen text escaped. */
    public static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;
        private final Kind kind;

        /** A failure of this kind, with these words. */
        public Failure(Kind kind, String message) {
            super(message);
            this.kind = kind;
        }

        /** Why, as a kind. */
        public Kind kind() {
            return kind;
        }
    }

    private final Map<String, CompletableFuture<Response>> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    /** How many requests were sent so far (shared ones counted once). */
    public int requests() {
        return requests.get();
    }

    /**
     * The answer to the request, completed (or failed with a {@link Failure}) by the deadline. A caller asking for the
     * same thing while a request runs shares it.
     *
     * @param proxy the HTTP proxy to go through, if any
     * @param addresses where the request may connect
     */
    public CompletableFuture<Response> send(Request request, Optional<InetSocketAddress> proxy,
            LookupAddresses addresses, LookupDeadline deadline) {
        String key = request.key(proxy) + ' ' + addresses;
        CompletableFuture<Response> mine = new CompletableFuture<>();
        CompletableFuture<Response> running = inFlight.putIfAbsent(key, mine);
        // A finished request stays in the map until its own completion step removes it, which may run after its
        // callers already have their answer: a caller asking again then would share that old answer, and no request
        // would be sent. Only a request still running is shared.
        while (running != null && running.isDone()) {
            inFlight.remove(key, running);
            running = inFlight.putIfAbsent(key, mine);
        }
        if (running != null) {
            return within(running, deadline);
        }
        mine.whenComplete((response, failure) -> inFlight.remove(key, mine));
        try {
            WORKERS.execute(() -> {
                try {
                    mine.complete(run(request, proxy, addresses, deadline));
                } catch (Failure e) {
                    mine.completeExceptionally(e);
                } catch (IOException | RuntimeException e) {
                    mine.completeExceptionally(new Failure(Kind.FAILED, describe(e)));
                }
            });
        } catch (RejectedExecutionException e) {
            mine.completeExceptionally(new Failure(Kind.FAILED, "not sent: " + MAX_RUNNING
                    + " look-ups are running already"));
        }
        return within(mine, deadline);
    }

    /** The answer to the request, waiting at most until the deadline. */
    public Response sendAndWait(Request request, Optional<InetSocketAddress> proxy, LookupAddresses addresses,
            LookupDeadline deadline) throws Failure {
        try {
            return send(request, proxy, addresses, deadline).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(Kind.FAILED, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Failure failure) {
                throw failure;
            }
            throw new Failure(Kind.FAILED, describe(e.getCause()));
        }
    }

    private static CompletableFuture<Response> within(CompletableFuture<Response> answer, LookupDeadline deadline) {
        CompletableFuture<Response> mine = new CompletableFuture<>();
        answer.whenComplete((response, failure) -> {
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(response);
            }
        });
        // The worker ends by the same deadline; this only makes sure that a caller never waits past it.
        mine.completeOnTimeout(null, deadline.remainingNanos(), TimeUnit.NANOSECONDS);
        return mine.thenCompose(response -> response != null ? CompletableFuture.completedFuture(response)
                : CompletableFuture.failedFuture(timedOut(deadline)));
    }

    private static Failure timedOut(LookupDeadline deadline) {
        return new Failure(Kind.TIMED_OUT, "no complete answer within " + deadline.allowed().toMillis() + " ms");
    }

    private Response run(Request request, Optional<InetSocketAddress> proxy, LookupAddresses addresses,
            LookupDeadline deadline) throws IOException {
        URI uri = request.uri();
        for (int redirects = 0;; redirects++) {
            Response response = exchange(uri, request, proxy, addresses, deadline);
            int status = response.status();
            if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308
                    || request.maxRedirects() == 0) {
                return response;
            }
            String location = new String(response.body(), StandardCharsets.ISO_8859_1).trim();
            if (location.isEmpty()) {
                throw new Failure(Kind.REDIRECT, "HTTP status " + status + " without a location");
            }
            URI next;
            try {
                next = uri.resolve(location);
            } catch (IllegalArgumentException e) {
                throw new Failure(Kind.REDIRECT, "redirected to an invalid URL");
            }
            if (!uri.getScheme().equalsIgnoreCase(String.valueOf(next.getScheme())) || next.getHost() == null) {
                throw new Failure(Kind.REDIRECT, "redirected to " + shown(next.toString()) + ", which is not followed"
                        + " (a redirect may not change the scheme)");
            }
            if (redirects >= request.maxRedirects()) {
                throw new Failure(Kind.REDIRECT, "more than " + request.maxRedirects() + " redirects");
            }
            uri = next;
        }
    }

    /** One request and its answer; for a redirect, the body is the location. */
    private Response exchange(URI uri, Request request, Optional<InetSocketAddress> proxy,
            LookupAddresses addresses, LookupDeadline deadline) throws IOException {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        if (!https && !"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new Failure(Kind.FAILED, "only http and https URLs are followed");
        }
        String host = uri.getHost();
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        Socket socket = null;
        try {
            if (proxy.isPresent()) {
                Optional<String> refusal = addresses.refusalThroughProxy(host);
                if (refusal.isPresent()) {
                    throw new Failure(Kind.REFUSED, refusal.get());
                }
                // The proxy is the operator's choice, not the server's: it is not judged, only the target is.
                socket = connect(new InetSocketAddress(proxy.get().getHostString(), proxy.get().getPort()), deadline);
                if (https) {
                    tunnel(socket, host, port, deadline);
                }
            } else {
                socket = connectDirect(host, bare, port, addresses, deadline);
            }
            if (https) {
                socket = tls(socket, bare, port, deadline);
            }
            String target = proxy.isPresent() && !https ? absolute(uri) : pathAndQuery(uri);
            StringBuilder head = new StringBuilder(request.method()).append(' ').append(target).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(host).append(uri.getPort() >= 0 ? ":" + uri.getPort() : "").append("\r\n")
                    .append("Accept: ").append(request.accept()).append("\r\n")
                    .append("Connection: close\r\n");
            if (request.method().equals("POST")) {
                head.append("Content-Type: ").append(request.contentType()).append("\r\n")
                        .append("Content-Length: ").append(request.body().length).append("\r\n");
            }
            head.append("\r\n");
            requests.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            return read(uri, new DeadlineInput(socket, deadline), request.maxBytes());
        } catch (SocketTimeoutException e) {
            throw timedOut(deadline);
        } finally {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // nothing more to read or write
                }
            }
        }
    }

    /** Connects to the first address of the name that is allowed and answers; refused when none is allowed. */
    private static Socket connectDirect(String host, String bare, int port, LookupAddresses addresses,
            LookupDeadline deadline) throws IOException {
        InetAddress[] all;
        try {
            all = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            throw new Failure(Kind.FAILED, "unknown host " + shown(host));
        }
        String refused = null;
        IOException failed = null;
        for (InetAddress address : all) {
            Optional<String> refusal = addresses.refusal(host, address);
            if (refusal.isPresent()) {
                refused = refused == null ? refusal.get() : refused;
                continue;
            }
            try {
                return connect(new InetSocketAddress(address, port), deadline);
            } catch (IOException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw failed;
        }
        throw new Failure(Kind.REFUSED, refused);
    }

    private static Socket connect(InetSocketAddress address, LookupDeadline deadline) throws IOException {
        if (deadline.passed()) {
            throw timedOut(deadline);
        }
        Socket socket = new Socket();
        try {
            socket.connect(address, deadline.remainingMillis());
            return socket;
        } catch (ConnectException e) {
            socket.close();
            throw new Failure(Kind.CONNECTION_REFUSED, "connection refused");
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static void tunnel(Socket socket, String host, int port, LookupDeadline deadline) throws IOException {
        String connect = "CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n\r\n";
        socket.getOutputStream().write(connect.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
        DeadlineInput in = new DeadlineInput(socket, deadline);
        int status = status(line(in, new int[] { MAX_HEADER_BYTES }));
        int[] left = { MAX_HEADER_BYTES };
        while (!line(in, left).isEmpty()) {
            continue;
        }
        if (status != 200) {
            throw new Failure(Kind.FAILED, "the proxy refused the tunnel (HTTP status " + status + ")");
        }
    }

    private static Socket tls(Socket socket, String host, int port, LookupDeadline deadline) throws IOException {
        SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault()).createSocket(socket, host, port,
                true);
        SSLParameters parameters = tls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(parameters);
        tls.setSoTimeout(Math.max(1, deadline.remainingMillis()));
        tls.startHandshake();
        return tls;
    }

    private static Response read(URI uri, DeadlineInput in, int max) throws IOException {
        int[] left = { MAX_HEADER_BYTES };
        int status;
        do {
            status = status(line(in, left));
            long length = -1;
            boolean chunked = false;
            String location = null;
            for (String header = line(in, left); !header.isEmpty(); header = line(in, left)) {
                int colon = header.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    try {
                        length = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new Failure(Kind.FAILED, "a malformed Content-Length");
                    }
                } else if (name.equals("transfer-encoding")) {
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                } else if (name.equals("location")) {
                    location = value;
                }
            }
            if (status >= 100 && status < 200) {
                continue;
            }
            if (status >= 300 && status < 400 && location != null) {
                return new Response(uri, status, location.getBytes(StandardCharsets.ISO_8859_1));
            }
            if (status != 200) {
                return new Response(uri, status, new byte[0]);
            }
            if (length > max) {
                throw tooLarge(max);
            }
            return new Response(uri, status, chunked ? chunked(in, max) : body(in, length, max));
        } while (true);
    }

    private static byte[] body(DeadlineInput in, long length, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (length < 0 || out.size() < length) {
            int wanted = length < 0 ? buffer.length : (int) Math.min(buffer.length, length - out.size());
            int n = in.read(buffer, 0, wanted);
            if (n < 0) {
                if (length >= 0) {
                    throw new Failure(Kind.FAILED, "the answer ended early");
                }
                break;
            }
            if (out.size() + n > max) {
                throw tooLarge(max);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private static byte[] chunked(DeadlineInput in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] left = { MAX_HEADER_BYTES };
        while (true) {
            String size = line(in, left);
            int semicolon = size.indexOf(';');
            long chunk;
            try {
                chunk = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            } catch (NumberFormatException e) {
                throw new Failure(Kind.FAILED, "a malformed chunked answer");
            }
            if (chunk == 0) {
                while (!line(in, left).isEmpty()) {
                    continue;
                }
                return out.toByteArray();
            }
            if (chunk < 0 || out.size() + chunk > max) {
                throw tooLarge(max);
            }
            out.write(body(in, chunk, max - out.size()));
            line(in, left);
        }
    }

    private static int status(String line) throws Failure {
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new Failure(Kind.FAILED, "not an HTTP answer");
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new Failure(Kind.FAILED, "not an HTTP answer");
        }
    }

    /** One line without its CR LF, counted against what is left of the header allowance. */
    private static String line(DeadlineInput in, int[] left) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new Failure(Kind.FAILED, "the answer ended early");
            }
            if (--left[0] < 0) {
                throw new Failure(Kind.FAILED, "headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (c == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) c);
        }
    }

    private static Failure tooLarge(int max) {
        return new Failure(Kind.TOO_LARGE, "too large (more than " + max + " bytes)");
    }

    private static String absolute(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority() + pathAndQuery(uri);
    }

    private static String pathAndQuery(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    }

    /** A URL or other server-chosen text as it may be shown: escaped and cut. */
    public static String shown(String text) {
        return Printable.text(text, Printable.MAX_NAME);
    }

    private static String describe(Throwable e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + shown(e.getMessage()));
    }

    /** Reads a socket with the time left before the deadline as the time-out of every read. */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final LookupDeadline deadline;

        DeadlineInput(Socket socket, LookupDeadline deadline) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            arm();
            return in.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            arm();
            return in.read(buffer, offset, length);
        }

        private void arm() throws IOException {
            int left = deadline.remainingMillis();
            if (left == 0) {
                throw timedOut(deadline);
            }
            socket.setSoTimeout(left);
        }
    }
}

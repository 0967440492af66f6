package io.quarkiverse.restclient.verify.trust;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A TCP server on a loopback address that answers every request with bytes a test wrote by hand, so that look-ups meet
 * the answers a hostile or broken server can send (chunked bodies, short bodies, odd headers, a proxy's refusal),
 * and records the request heads it was sent.
 */
public final class ScriptedHttpServer implements AutoCloseable {

    private final ServerSocket server;
    private final Function<String, byte[]> answer;
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final CountDownLatch closedByClient = new CountDownLatch(1);
    private final Thread acceptor;

    private ScriptedHttpServer(String address, Function<String, byte[]> answer) throws IOException {
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        this.answer = answer;
        this.acceptor = new Thread(this::accept, "scripted-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Answers every request on 127.0.0.1 with these bytes, then closes the connection. */
    public static ScriptedHttpServer answering(String response) {
        return answering("127.0.0.1", head -> response.getBytes(StandardCharsets.ISO_8859_1));
    }

    /**
     * Answers every request on this address with what the function gives for its head and body (read by its
     * Content-Length); null answers nothing.
     */
    public static ScriptedHttpServer answering(String address, Function<String, byte[]> answer) {
        try {
            return new ScriptedHttpServer(address, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The request heads received, request line first, CR LF kept. */
    public List<String> heads() {
        return heads;
    }

    /** Whether a client that was answered nothing closed its connection within this time. */
    public boolean closedByClientWithin(long millis) throws InterruptedException {
        return closedByClient.await(millis, TimeUnit.MILLISECONDS);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread connection = new Thread(() -> serve(socket), "scripted-http-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = head(in);
            heads.add(head);
            head += new String(in.readNBytes(contentLength(head)), StandardCharsets.ISO_8859_1);
            byte[] response = answer.apply(head);
            if (response == null) {
                // Silent: wait for the client to give up.
                while (in.read() >= 0) {
                    continue;
                }
                closedByClient.countDown();
                return;
            }
            OutputStream out = socket.getOutputStream();
            out.write(response);
            out.flush();
        } catch (IOException e) {
            closedByClient.countDown();
        }
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return 0;
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = { '\r', '\n', '\r', '\n' };
        while (matched < end.length) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.write(c);
            matched = c == end[matched] ? matched + 1 : c == '\r' ? 1 : 0;
            if (head.size() > 64 * 1024) {
                break;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}

package io.quarkiverse.restclient.verify.runtime.devui;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.PresentedCertificate;
import io.quarkiverse.restclient.verify.SslVerificationException;
import io.quarkiverse.restclient.verify.diagnosis.ClientCertificateRequests;
import io.quarkiverse.restclient.verify.diagnosis.ClosedAfterCertificateRequestException;
import io.quarkiverse.restclient.verify.diagnosis.DiagnosingTrustManager;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeDiagnosis;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeEvidence;
import io.quarkiverse.restclient.verify.diagnosis.OtherTrust;
import io.quarkiverse.restclient.verify.runtime.ClientTlsStack;
import io.quarkiverse.restclient.verify.runtime.ClientTrust;
import io.quarkiverse.restclient.verify.runtime.FailureExplainer;
import io.quarkiverse.restclient.verify.runtime.IntermediateRepairs;
import io.quarkiverse.restclient.verify.runtime.engine.ClientEngine;
import io.quarkiverse.restclient.verify.runtime.engine.EngineHandshake;
import io.quarkiverse.restclient.verify.runtime.engine.SslEngine;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSources;
import io.quarkiverse.restclient.verify.trust.revocation.SpkiPins;

/**
 * One TLS handshake with a server, made with a client's own trust, hostname check, client certificate and TLS engine
 * (the JDK's or BoringSSL, with the client's key-exchange groups), as {@code openssl s_client -showcerts} shows it: the
 * chain the server presents, what the handshake negotiated, and the client's verdict on it. It
 * never trusts anything itself and changes nothing of the client; after the handshake it sends one {@code HEAD} request,
 * because a TLS 1.3 server refuses a client certificate only then.
 */
final class ServerInspection {

    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int EXCHANGE_TIMEOUT_MILLIS = 2_000;

    /**
     * What the inspection found.
     *
     * @param verdict {@code TRUSTED}, {@code NOT_VERIFIED} (verify=false, or a client with its own TLS settings, which
     *        are not replayed here), {@code UNREACHABLE}, or the failure's reason, e.g. {@code UNKNOWN_ISSUER}
     * @param message what the client would say about the server: the full explanation of a failure
     * @param hints the fixes of a failure, safest first
     * @param chain the certificates the server presented, leaf first
     * @param pem the presented chain in PEM, to save as a file
     * @param pins the public key pin of each presented certificate, for {@code verify-pins}
     * @param sources which trust sources of the application accept the presented chain, the client's own included
     * @param negotiated the protocol, cipher suite and key-exchange group of a handshake that completed, and the
     *        engine, e.g. {@code on BoringSSL: TLSv1.3, TLS_AES_128_GCM_SHA256, key exchange X25519MLKEM768}; empty when
     *        the handshake did not complete
     */
    record Result(String verdict, String message, List<String> hints, List<PresentedCertificate> chain, String pem,
            List<String> pins, List<TrustSources.Verdict> sources, String negotiated) {
    }

    private ServerInspection() {
    }

    /**
     * @param repairs the running extension's intermediate repairs: Inspect makes the same further decisions as the
     *        client's own calls, such as fetching missing intermediates
     * @param engine the client's TLS engine, on which the inspection's handshake runs
     * @param other the application's trust sources, judged on the presented chain for the list of who accepts it
     */
    static Result inspect(ClientTrust client, URI url, IntermediateRepairs repairs, ClientEngine engine,
            OtherTrust other) {
        if (url.getHost() == null || !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("an https:// URL is needed, got " + url);
        }
        String host = url.getHost();
        int port = FailureExplainer.port(url);
        ClientCertificateRequests requests = new ClientCertificateRequests();
        boolean judged = client.managed() && !client.insecure();
        // The client's own managers, pins, revocation and intermediate fetching included, built where the REST
        // client's are, so Inspect says what a call would meet; unjudged clients only show the chain.
        X509ExtendedTrustManager trust = judged
                ? ClientTlsStack.trustManager(client.trust().get(), client.revocation(), repairs.layer(client))
                : new DiagnosingTrustManager(RejectAll.INSTANCE);
        try {
            KeyManager keys = ClientTlsStack.keyManager(client.certificateFiles(), requests);
            boolean checkHost = judged && client.verifyHost();
            if (engine.engine() == SslEngine.OPENSSL) {
                try (Socket socket = new Socket()) {
                    try {
                        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
                    } catch (IOException e) {
                        return result("UNREACHABLE", host + ":" + port + ": " + e, List.of(), List.of(), other);
                    }
                    socket.setSoTimeout(TIMEOUT_MILLIS);
                    try (EngineHandshake handshake = EngineHandshake.connect(engine, socket, host, port, keys, trust,
                            checkHost, List.copyOf(ClientTlsStack.PROTOCOLS))) {
                        List<X509Certificate> chain = handshake.peerChain();
                        socket.setSoTimeout(EXCHANGE_TIMEOUT_MILLIS);
                        try {
                            handshake.exchange(request(url, host));
                        } catch (SocketTimeoutException e) {
                            // A server that does not answer a HEAD request in time has still accepted the client.
                        }
                        return trusted(client, host, port, chain, handshake.negotiated(), other);
                    }
                }
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] { keys }, new TrustManager[] { trust }, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                try {
                    socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
                } catch (IOException e) {
                    return result("UNREACHABLE", host + ":" + port + ": " + e, List.of(), List.of(), other);
                }
                socket.setSoTimeout(TIMEOUT_MILLIS);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(ClientTlsStack.PROTOCOLS.toArray(new String[0]));
                if (checkHost) {
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                }
                if (!Character.isDigit(host.charAt(host.length() - 1)) && !host.contains(":")) {
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                }
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                List<X509Certificate> chain = x509(socket.getSession().getPeerCertificates());
                // In TLS 1.3 a server refuses a client certificate (or its absence) after the client's handshake
                // returns: one HEAD request brings that alert, as the real call's first request would.
                exchange(socket, url, host);
                return trusted(client, host, port, chain, new ClientEngine.Negotiated(socket.getSession().getProtocol(),
                        socket.getSession().getCipherSuite(), Optional.empty(), SslEngine.JDK), other);
            }
        } catch (IOException e) {
            SSLException failure = e instanceof SSLException ? (SSLException) e
                    : closedAfterHandshakeStarted(e, requests,
                            host, port);
            if (failure == null) {
                return result("UNREACHABLE", host + ":" + port + ": " + e, List.of(), List.of(), other);
            }
            Optional<HandshakeEvidence> seen = HandshakeDiagnosis.evidenceOf(failure);
            List<X509Certificate> chain = seen.map(HandshakeEvidence::chain).orElse(List.of());
            if (!judged && !chain.isEmpty()) {
                String why = client.insecure() ? "verify=false: this client accepts any certificate, so there is"
                        + " nothing to judge"
                        : "this client keeps its own TLS settings ("
                                + client.ownTlsSetting().orElse("?") + "), which the inspection does not replay";
                return result("NOT_VERIFIED", why, List.of(), chain, other);
            }
            Optional<SslVerificationException> explained = HandshakeDiagnosis.explain(failure,
                    FailureExplainer.context(client, requests, host, port, other, engine.forDiagnosis()),
                    seen);
            if (explained.isPresent()) {
                SslVerificationException verdict = explained.get();
                return result(verdict.reason().name(), verdict.getMessage(), verdict.hints(), chain, other);
            }
            return result("OTHER", Printable.text(String.valueOf(failure.getMessage()), 2000), List.of(), chain,
                    other);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up a TLS client: " + e.getMessage(), e);
        }
    }

    /**
     * A connection the server closed during the handshake right after asking for a client certificate, as the
     * failure the REST client sees in that case (its TLS engine reads the server's alert, a blocking socket may only
     * see the closed connection); null for any other I/O failure.
     */
    private static SSLException closedAfterHandshakeStarted(IOException e, ClientCertificateRequests requests, String host,
            int port) {
        if (requests.of(host, port).isEmpty()) {
            return null;
        }
        return new ClosedAfterCertificateRequestException(e);
    }

    private static Result trusted(ClientTrust client, String host, int port, List<X509Certificate> chain,
            ClientEngine.Negotiated negotiated, OtherTrust other) {
        String how = (negotiated.engine() == SslEngine.OPENSSL ? "on BoringSSL" : "on the JDK's TLS engine") + ": "
                + negotiated.describe();
        Result trusted = result("TRUSTED", "REST client '" + client.clientName() + "' trusts " + host + ":" + port
                + " with " + client.material().get().description() + " (" + how + ")", List.of(), chain, other);
        return new Result(trusted.verdict(), trusted.message(), trusted.hints(), trusted.chain(), trusted.pem(),
                trusted.pins(), trusted.sources(), how);
    }

    /** A HEAD request: in TLS 1.3 a server refuses a client certificate only when it reads the first request. */
    private static byte[] request(URI url, String host) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return ("HEAD " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends a HEAD request and reads the first bytes of the answer, or the alert that comes instead. */
    private static void exchange(SSLSocket socket, URI url, String host) throws IOException {
        socket.getOutputStream().write(request(url, host));
        socket.getOutputStream().flush();
        socket.setSoTimeout(EXCHANGE_TIMEOUT_MILLIS);
        try {
            socket.getInputStream().read();
        } catch (SocketTimeoutException e) {
            // A server that does not answer a HEAD request in time has still accepted the client.
        }
    }

    private static Result result(String verdict, String message, List<String> hints, List<X509Certificate> chain,
            OtherTrust other) {
        List<PresentedCertificate> presented = new ArrayList<>();
        List<String> pins = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            presented.add(PresentedCertificate.of(certificate));
            pins.add(SpkiPins.pinOf(certificate));
        }
        return new Result(verdict, message, List.copyOf(hints), List.copyOf(presented), pem(chain),
                List.copyOf(pins), other.judge(chain, true), "");
    }

    /** The chain as a PEM file to save, each certificate after a comment line with its subject. */
    static String pem(List<X509Certificate> chain) {
        StringBuilder pem = new StringBuilder();
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        for (X509Certificate certificate : chain) {
            try {
                // Escaped: a line break in the subject would otherwise end the comment and forge PEM lines.
                pem.append("# ").append(Printable.name(certificate.getSubjectX500Principal())).append('\n')
                        .append("-----BEGIN CERTIFICATE-----\n")
                        .append(base64.encodeToString(certificate.getEncoded()))
                        .append("\n-----END CERTIFICATE-----\n");
            } catch (CertificateEncodingException e) {
                throw new IllegalStateException("cannot encode " + Printable.name(certificate.getSubjectX500Principal()),
                        e);
            }
        }
        return pem.toString();
    }

    private static List<X509Certificate> x509(Certificate[] certificates) {
        List<X509Certificate> result = new ArrayList<>();
        for (Certificate certificate : certificates) {
            if (certificate instanceof X509Certificate) {
                result.add((X509Certificate) certificate);
            }
        }
        return result;
    }

    /**
     * Rejects every chain once the diagnosing trust manager has recorded it: for clients whose trust this inspection
     * does not judge, the chain is shown and nothing is trusted.
     */
    private static final class RejectAll extends X509ExtendedTrustManager {

        static final RejectAll INSTANCE = new RejectAll();

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("shown, not judged: the inspection replays only the trust this extension"
                    + " manages");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("an inspection trusts no client");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

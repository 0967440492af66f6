package io.quarkiverse.restclient.verify.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
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
import io.quarkiverse.restclient.verify.diagnosis.DiagnosingTrustManager;
import io.quarkiverse.restclient.verify.diagnosis.EvidenceLog;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeDiagnosis;
import io.quarkiverse.restclient.verify.diagnosis.HandshakeEvidence;
import io.quarkiverse.restclient.verify.diagnosis.RecordingKeyManager;
import io.quarkiverse.restclient.verify.trust.ReloadingTrustManager;
import io.quarkiverse.restclient.verify.trust.Printable;

/**
 * One TLS handshake with a server, made with a client's own trust, hostname check and client certificate, as
 * {@code openssl s_client -showcerts} shows it: the chain the server presents and the client's verdict on it. It
 * never trusts anything itself, sends no HTTP request, and changes nothing of the client.
 */
final class ServerInspection {

    private static final int TIMEOUT_MILLIS = 5_000;

    /**
     * What the inspection found.
     *
     * @param verdict {@code TRUSTED}, {@code NOT_VERIFIED} (verify=false, or a client with its own TLS settings, which
     *        are not replayed here), {@code UNREACHABLE}, or the failure's reason, e.g. {@code UNKNOWN_ISSUER}
     * @param message what the client would say about the server: the full explanation of a failure
     * @param hints the fixes of a failure, safest first
     * @param chain the certificates the server presented, leaf first
     * @param pem the presented chain in PEM, to save as a file
     */
    record Result(String verdict, String message, List<String> hints, List<PresentedCertificate> chain, String pem) {
    }

    private ServerInspection() {
    }

    static Result inspect(ClientTrust client, URI url) {
        if (url.getHost() == null || !"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("an https:// URL is needed, got " + url);
        }
        String host = url.getHost();
        int port = VerifiedClients.port(url);
        EvidenceLog log = new EvidenceLog();
        boolean judged = client.managed() && !client.insecure();
        X509ExtendedTrustManager decision = judged ? new ReloadingTrustManager(client.trust().get())
                : RejectAll.INSTANCE;
        DiagnosingTrustManager recording = new DiagnosingTrustManager(decision, log);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            KeyManager keys = new RecordingKeyManager(log, client.certificateFiles().orElse(null));
            context.init(new KeyManager[] { keys }, new TrustManager[] { recording }, null);
            try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setProtocols(VerifyTlsConfiguration.PROTOCOLS.toArray(new String[0]));
                if (judged && client.verifyHost()) {
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                }
                if (!Character.isDigit(host.charAt(host.length() - 1)) && !host.contains(":")) {
                    parameters.setServerNames(List.of(new SNIHostName(host)));
                }
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                List<X509Certificate> chain = x509(socket.getSession().getPeerCertificates());
                return result("TRUSTED", "REST client '" + client.clientName() + "' trusts " + host + ":" + port
                        + " with " + client.material().get().description(), List.of(), chain);
            }
        } catch (SSLException e) {
            Optional<HandshakeEvidence> seen = log.latest(host, port);
            List<X509Certificate> chain = seen.map(HandshakeEvidence::chain).orElse(List.of());
            if (!judged && !chain.isEmpty()) {
                String why = client.insecure() ? "verify=false: this client accepts any certificate, so there is"
                        + " nothing to judge" : "this client keeps its own TLS settings ("
                                + client.ownTlsSetting().orElse("?") + "), which the inspection does not replay";
                return result("NOT_VERIFIED", why, List.of(), chain);
            }
            Optional<SslVerificationException> explained = HandshakeDiagnosis.explain(e,
                    VerifiedClients.context(client, log, host, port), seen);
            if (explained.isPresent()) {
                SslVerificationException failure = explained.get();
                return result(failure.reason().name(), failure.getMessage(), failure.hints(), chain);
            }
            return result("OTHER", Printable.text(String.valueOf(e.getMessage()), 2000), List.of(), chain);
        } catch (IOException e) {
            return result("UNREACHABLE", host + ":" + port + ": " + Printable.text(e.toString(), 2000), List.of(),
                    List.of());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up a TLS client: " + e.getMessage(), e);
        }
    }

    private static Result result(String verdict, String message, List<String> hints, List<X509Certificate> chain) {
        List<PresentedCertificate> presented = new ArrayList<>();
        for (X509Certificate certificate : chain) {
            presented.add(PresentedCertificate.of(certificate));
        }
        return new Result(verdict, message, List.copyOf(hints), List.copyOf(presented), pem(chain));
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

package io.quarkiverse.restclient.verify.testpki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OCSP responder on 127.0.0.1 for the certificates of some test CAs: answers POST and GET requests (RFC 6960
 * appendix A), signed by the issuing CA itself, current for an hour. Certificates are good unless {@link #revoke}d;
 * certificates of other CAs are unknown. Also serves each CA's CRL at {@code /crl/<n>} ({@link #crlUri}).
 */
public final class OcspResponder implements AutoCloseable {

    private final HttpServer server;
    private final List<CertificateAuthority> cas;
    private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicReference<byte[]> next = new AtomicReference<>();
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();

    private OcspResponder(HttpServer server, List<CertificateAuthority> cas) {
        this.server = server;
        this.cas = List.copyOf(cas);
    }

    /** Starts a responder for the certificates these CAs issue. */
    public static OcspResponder start(CertificateAuthority... cas) {
        try {
            HttpServer server = HttpServer.create(
                    new InetSocketAddress(InetAddress.getByAddress("127.0.0.1", new byte[] { 127, 0, 0, 1 }), 0), 0);
            OcspResponder responder = new OcspResponder(server, List.of(cas));
            server.createContext("/", responder::handle);
            server.start();
            return responder;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start an OCSP responder", e);
        }
    }

    /** From now on, the responder says this certificate was revoked (key compromise). */
    public void revoke(X509Certificate certificate) {
        revoked.add(certificate.getSerialNumber());
    }

    /** The responder's URL, to name in certificates. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp");
    }

    /** Where the CRL of the n-th CA given to {@link #start} is served. */
    public URI crlUri(int n) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/crl/" + n);
    }

    /**
     * A GOOD answer about the certificate as this responder gave it {@code age} ago, without nextUpdate: what a server
     * that recorded it long ago can still staple.
     */
    public byte[] recordedGoodAnswer(X509Certificate certificate, Duration age) {
        try {
            DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
            CertificateAuthority signer = cas.stream()
                    .filter(ca -> ca.certificate().getSubjectX500Principal().equals(
                            certificate.getIssuerX500Principal()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("not a certificate of these CAs"));
            Instant then = Instant.now().minus(age);
            BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(signer.certificate().getPublicKey(),
                    digests.get(CertificateID.HASH_SHA1));
            builder.addResponse(new CertificateID(digests.get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(signer.certificate()), certificate.getSerialNumber()),
                    CertificateStatus.GOOD, Date.from(then), (Date) null);
            BasicOCSPResp basic = builder.build(
                    new JcaContentSignerBuilder(algorithm(signer)).build(signer.privateKey()), null, Date.from(then));
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a recorded OCSP answer", e);
        }
    }

    /**
     * The next OCSP request is answered with these bytes instead of a live answer; later ones are answered live. A
     * stapling server fetches before the client checks, so it staples these bytes while the client hears the truth.
     */
    public void answerNextWith(byte[] response) {
        next.set(response.clone());
    }

    /** Serves these bytes (e.g. a CRL) at this path, such as {@code /shard/2.crl}; returns its URL. */
    public URI serve(String path, byte[] body) {
        served.put(path, body.clone());
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Requests answered so far (OCSP and CRL). */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            byte[] fixed = served.get(path);
            if (fixed != null) {
                respond(exchange, "application/pkix-crl", fixed);
                return;
            }
            if (path.startsWith("/crl/")) {
                CertificateAuthority ca = cas.get(Integer.parseInt(path.substring("/crl/".length())));
                byte[] crl = crl(ca);
                respond(exchange, "application/pkix-crl", crl);
                return;
            }
            byte[] request;
            if ("POST".equals(exchange.getRequestMethod())) {
                try (InputStream in = exchange.getRequestBody()) {
                    request = in.readAllBytes();
                }
            } else {
                // The raw path: base64 holds '/' and '+', which the client percent-encodes.
                String raw = exchange.getRequestURI().getRawPath();
                String encoded = raw.substring(raw.indexOf('/', 1) + 1);
                request = Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
            }
            byte[] replayed = next.getAndSet(null);
            respond(exchange, "application/ocsp-response", replayed != null ? replayed : answer(new OCSPReq(request)));
        } catch (Exception e) {
            exchange.sendResponseHeaders(500, -1);
        }
    }

    private byte[] crl(CertificateAuthority ca) throws Exception {
        Instant now = Instant.now();
        X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(
                ca.certificate().getSubjectX500Principal(), Date.from(now.minus(Duration.ofMinutes(5))));
        builder.setNextUpdate(Date.from(now.plus(Duration.ofHours(1))));
        for (BigInteger serial : revoked) {
            builder.addCRLEntry(serial, Date.from(now.minus(Duration.ofMinutes(5))),
                    CRLReason.keyCompromise);
        }
        return builder.build(new JcaContentSignerBuilder(algorithm(ca)).build(ca.privateKey())).getEncoded();
    }

    private byte[] answer(OCSPReq request) throws Exception {
        DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
        Req[] list = request.getRequestList();
        CertificateAuthority signer = null;
        for (Req one : list) {
            for (CertificateAuthority ca : cas) {
                if (one.getCertID().matchesIssuer(new JcaX509CertificateHolder(ca.certificate()), digests)) {
                    signer = ca;
                }
            }
        }
        if (signer == null) {
            return new OCSPRespBuilder().build(OCSPRespBuilder.UNAUTHORIZED, null).getEncoded();
        }
        Instant now = Instant.now();
        BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(signer.certificate().getPublicKey(),
                digests.get(CertificateID.HASH_SHA1));
        for (Req one : list) {
            CertificateID id = one.getCertID();
            boolean ours = id.matchesIssuer(new JcaX509CertificateHolder(signer.certificate()), digests);
            CertificateStatus status = !ours ? new UnknownStatus()
                    : revoked.contains(id.getSerialNumber())
                            ? new RevokedStatus(Date.from(now.minus(Duration.ofMinutes(5))),
                                    CRLReason.keyCompromise)
                            : CertificateStatus.GOOD;
            builder.addResponse(id, status, Date.from(now.minus(Duration.ofMinutes(1))),
                    Date.from(now.plus(Duration.ofHours(1))));
        }
        BasicOCSPResp basic = builder.build(new JcaContentSignerBuilder(algorithm(signer)).build(signer.privateKey()),
                null, Date.from(now));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    private static String algorithm(CertificateAuthority ca) {
        return "RSA".equals(ca.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    }

    private static void respond(HttpExchange exchange, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops the responder: later requests are refused, as from a responder that is down. */
    @Override
    public void close() {
        server.stop(0);
    }
}

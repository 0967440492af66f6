package io.quarkiverse.restclient.verify.trust.revocation;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.trust.LayeredTrustManager;
import io.quarkiverse.restclient.verify.trust.PathValidating;
import io.quarkiverse.restclient.verify.trust.RecentlyUsed;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.ValidatedPath;
import io.quarkiverse.restclient.verify.trust.anchors.ReloadingTrustManager;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.lookups.LookupDeadline;

/**
 * Runs after the normal verification and says no to a chain that passed it when a certificate of the validated path
 * was revoked (CRL files, the OCSP response the server stapled, the responders the certificates name) or when no
 * certificate of the validated path carries a pinned key. The validated path is the one the trust manager below
 * accepted the chain along, ending at its trust anchor; neither a pin nor a revocation check
 * can be satisfied or dodged by a certificate the server merely appended, or by a decoy placed before a real issuer.
 */
public final class RevocationTrustManager extends LayeredTrustManager {

    /**
     * Stapled answers kept, the least recently used dropped first: a server stapling a new response on every
     * handshake evicts its own, not the answers of the servers in use.
     */
    static final int MAX_STAPLED_ANSWERS = 256;

    private final RevocationPolicy policy;
    // A server staples the same response until it fetches a newer one: its signature is checked once, and its
    // freshness at every use.
    private final Map<StapleKey, OcspAnswer> stapledAnswers = RecentlyUsed.map(MAX_STAPLED_ANSWERS);

    /** A stapled response and the certificate and issuer it was read for. */
    private record StapleKey(ByteBuffer response, X509Certificate certificate, X509Certificate issuer) {
    }

    private RevocationTrustManager(X509ExtendedTrustManager delegate, RevocationPolicy policy) {
        super(delegate);
        this.policy = policy;
    }

    /**
     * The delegate with the policy's checks after it, or the delegate itself when the policy checks nothing. The
     * delegate must tell the path it validated ({@link ReloadingTrustManager} does); one that cannot has every chain
     * refused, since the checks cannot be made.
     */
    public static X509ExtendedTrustManager wrap(X509ExtendedTrustManager delegate, RevocationPolicy policy) {
        return policy.inactive() ? delegate : new RevocationTrustManager(delegate, policy);
    }

    /**
     * As {@link #wrap(X509ExtendedTrustManager, RevocationPolicy)}: the trust is the one the delegate decides with,
     * and the path now comes from the delegate itself.
     */
    public static X509ExtendedTrustManager wrap(X509ExtendedTrustManager delegate, Reloadable<TrustMaterial> trust,
            RevocationPolicy policy) {
        return wrap(delegate, policy);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        ValidatedPath path = PathValidating.checkServerPath(delegate, chain, authType, engine, null);
        check(chain, path, engine == null ? null : engine.getHandshakeSession());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        ValidatedPath path = PathValidating.checkServerPath(delegate, chain, authType, null, socket);
        check(chain, path, socket instanceof SSLSocket ? ((SSLSocket) socket).getHandshakeSession() : null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, PathValidating.checkServerPath(delegate, chain, authType, null, null), null);
    }

    private void check(X509Certificate[] chain, ValidatedPath path, SSLSession session) throws CertificateException {
        checkPins(path.withAnchor());
        if (policy.mode() == RevocationMode.OFF && policy.crls().isEmpty()) {
            return;
        }
        List<byte[]> stapled = policy.mode() == RevocationMode.OFF ? List.of() : stapled(session);
        Instant now = Instant.now();
        // All look-ups of this handshake share one budget (opened by the fetching layer already, if there is one).
        try (LookupDeadline.Scope budget = LookupDeadline.handshake(LookupDeadline.HANDSHAKE_BUDGET)) {
            // Each certificate against its issuer on the path, the last against the anchor's certificate; the anchor
            // itself is trusted by configuration, not by its issuer.
            List<X509Certificate> certificates = path.certificates();
            for (int i = 0; i < certificates.size(); i++) {
                checkRevocation(certificates.get(i), path.issuerOf(i), chain, stapled, now);
            }
        }
    }

    private void checkPins(List<X509Certificate> path) throws PinMismatchException {
        if (policy.pins().isEmpty() || policy.pins().firstMatch(path).isPresent()) {
            return;
        }
        List<PinMismatchException.PathPin> pins = new ArrayList<>();
        for (X509Certificate certificate : path) {
            pins.add(new PinMismatchException.PathPin(certificate.getSubjectX500Principal().getName(),
                    SpkiPins.pinOf(certificate)));
        }
        throw new PinMismatchException(pins, policy.pins().values(), policy.pinsProperty());
    }

    private void checkRevocation(X509Certificate certificate, X509Certificate issuer, X509Certificate[] chain,
            List<byte[]> stapled, Instant now) throws CertificateException {
        String subject = certificate.getSubjectX500Principal().getName();
        boolean known = false;
        if (policy.crls().isPresent()) {
            CrlSet crls = policy.crls().get().current();
            Optional<CrlSet.Revocation> revoked = crls.revocation(certificate, issuer);
            if (revoked.isPresent()) {
                throw new RevokedCertificateException(subject, certificate.getSerialNumber(),
                        revoked.get().revokedAt(), revoked.get().reason(),
                        "CRL file " + revoked.get().file() + " (" + policy.crlProperty() + ")", true);
            }
            known = crls.covers(certificate, issuer);
        }
        if (policy.mode() == RevocationMode.OFF) {
            return;
        }
        byte[] response = stapledFor(certificate, chain, stapled);
        String stapledProblem = null;
        if (response != null) {
            try {
                OcspAnswer answer = stapledAnswer(response, certificate, issuer, now);
                if (answer.status() == OcspAnswer.Status.REVOKED) {
                    throw new RevokedCertificateException(subject, certificate.getSerialNumber(),
                            answer.revokedAt(), answer.reason(), "OCSP response stapled by the server", false);
                }
                known |= answer.status() == OcspAnswer.Status.GOOD;
            } catch (OcspAnswer.Unusable e) {
                stapledProblem = "the OCSP response stapled by the server cannot be used: " + e.getMessage();
            }
        }
        // A stale or unusable staple is no answer: the responders decide (so their REVOKED beats a replayed GOOD), and
        // under stapled the certificate goes unchecked as if nothing had been stapled.
        if (known || !policy.mode().online()) {
            return;
        }
        RevocationResponders.Answer answer = policy.responders().orElseThrow().status(certificate, issuer, now);
        if (answer.status() == OcspAnswer.Status.REVOKED) {
            throw new RevokedCertificateException(subject, certificate.getSerialNumber(), answer.revokedAt(),
                    answer.reason(), answer.responder(), false);
        }
        if (answer.status() == OcspAnswer.Status.UNKNOWN && policy.mode() == RevocationMode.HARD_FAIL) {
            String problem = stapledProblem == null ? answer.problem() : stapledProblem + "; " + answer.problem();
            throw new RevocationUnknownException(subject, answer.responder(), problem, policy.modeProperty());
        }
    }

    OcspAnswer stapledAnswer(byte[] response, X509Certificate certificate, X509Certificate issuer, Instant now)
            throws OcspAnswer.Unusable {
        StapleKey key = new StapleKey(ByteBuffer.wrap(response), certificate, issuer);
        OcspAnswer cached = stapledAnswers.get(key);
        if (cached != null) {
            // Same rule as a first read: an answer without nextUpdate ages out after its thisUpdate, not never.
            if (cached.staleness(now) == null) {
                return cached;
            }
            stapledAnswers.remove(key);
        }
        OcspAnswer answer = OcspAnswer.read(response, certificate, issuer, now);
        stapledAnswers.put(key, answer);
        return answer;
    }

    /** How many stapled answers are kept, for tests that bound them. */
    int staplesKept() {
        return stapledAnswers.size();
    }

    /** The stapled OCSP response for this certificate: responses are in the order of the presented chain. */
    private static byte[] stapledFor(X509Certificate certificate, X509Certificate[] chain, List<byte[]> stapled) {
        for (int i = 0; i < chain.length && i < stapled.size(); i++) {
            if (chain[i].equals(certificate)) {
                byte[] response = stapled.get(i);
                return response == null || response.length == 0 ? null : response;
            }
        }
        return null;
    }

    private static List<byte[]> stapled(SSLSession session) {
        if (session instanceof ExtendedSSLSession) {
            try {
                return ((ExtendedSSLSession) session).getStatusResponses();
            } catch (UnsupportedOperationException e) {
                return List.of();
            }
        }
        return List.of();
    }
}

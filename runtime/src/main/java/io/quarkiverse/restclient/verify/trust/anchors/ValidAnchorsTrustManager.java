package io.quarkiverse.restclient.verify.trust.anchors;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.trust.PathValidating;
import io.quarkiverse.restclient.verify.trust.ValidatedPath;
import io.quarkiverse.restclient.verify.trust.ValidatedPaths;
import io.quarkiverse.restclient.verify.trust.rules.OpenSslPathChecks;

/**
 * PKIX trust whose anchors count only while they are valid: an expired or not-yet-valid CA (or pinned server
 * certificate) anchors nothing, as in OpenSSL and Python requests, while the JDK itself never checks an anchor's
 * dates. Validity is judged at each handshake against the clock, so a CA that expires while the application runs
 * stops anchoring at its notAfter without a reload. The PKIX trust manager over the valid anchors is rebuilt only when
 * the clock crosses one of their validity boundaries, so a handshake pays one clock read.
 * <p>
 * When a check after the chain needs it, the path the chain was validated along is built by PKIX over the same valid
 * anchors ({@link #checkServerPath}); a plain handshake does not pay for it. An unchecked exception out of the JDK's
 * validation is a rejection like any other. What OpenSSL checks and the JDK does not (an anchor's own name constraints
 * and path length, key identifier links, CA extended key usage) is checked on that path ({@link OpenSslPathChecks});
 * only chains that can break one pay for the path.
 */
final class ValidAnchorsTrustManager extends X509ExtendedTrustManager implements PathValidating {

    private final List<X509Certificate> anchors;
    private final LongSupplier clock;
    private volatile Window window;

    ValidAnchorsTrustManager(List<X509Certificate> anchors) {
        this(anchors, System::currentTimeMillis);
    }

    ValidAnchorsTrustManager(List<X509Certificate> anchors, LongSupplier clock) {
        this.anchors = List.copyOf(anchors);
        this.clock = clock;
    }

    /** The anchors that count now, and the time span in which that set stays the same. */
    private record Window(long from, long until, X509ExtendedTrustManager pkix, List<X509Certificate> valid,
            List<X509Certificate> invalid, ValidatedPaths paths, OpenSslPathChecks checks) {

        boolean covers(long now) {
            return now >= from && now < until;
        }
    }

    private Window window() {
        long now = clock.getAsLong();
        Window current = window;
        if (current == null || !current.covers(now)) {
            current = windowAt(now);
            window = current;
        }
        return current;
    }

    private Window windowAt(long now) {
        long from = Long.MIN_VALUE;
        long until = Long.MAX_VALUE;
        List<X509Certificate> valid = new ArrayList<>();
        List<X509Certificate> invalid = new ArrayList<>();
        for (X509Certificate anchor : anchors) {
            long notBefore = anchor.getNotBefore().getTime();
            // notAfter is inclusive: the certificate is valid during its last millisecond.
            long expiry = anchor.getNotAfter().getTime() + 1;
            if (now < notBefore) {
                invalid.add(anchor);
                until = Math.min(until, notBefore);
            } else if (now >= expiry) {
                invalid.add(anchor);
                from = Math.max(from, expiry);
            } else {
                valid.add(anchor);
                from = Math.max(from, notBefore);
                until = Math.min(until, expiry);
            }
        }
        X509ExtendedTrustManager pkix = valid.isEmpty() ? null : TrustMaterial.pkix(valid);
        return new Window(from, until, pkix, List.copyOf(valid), List.copyOf(invalid), new ValidatedPaths(valid),
                OpenSslPathChecks.of(valid));
    }

    @Override
    public ValidatedPath checkServerPath(X509Certificate[] chain, String authType, SSLEngine engine, Socket socket)
            throws CertificateException {
        Window current = window();
        decide(current, chain, pkix -> PathValidating.checkServerTrusted(pkix, chain, authType, engine, socket));
        // Built over the very anchors that just decided, so the path ends where the JDK's decision did.
        ValidatedPath path = current.paths().of(chain);
        current.checks().check(path);
        return path;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        Window current = window();
        decide(current, chain, pkix -> pkix.checkServerTrusted(chain, authType, engine));
        checkAnchorConstraints(current, chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        Window current = window();
        decide(current, chain, pkix -> pkix.checkServerTrusted(chain, authType, socket));
        checkAnchorConstraints(current, chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        Window current = window();
        decide(current, chain, pkix -> pkix.checkServerTrusted(chain, authType));
        checkAnchorConstraints(current, chain);
    }

    /**
     * What OpenSSL checks and the JDK does not (the anchor's own name constraints and path length, key identifier
     * links, CA extended key usage) on the path of an accepted chain, built only when the chain can break one.
     */
    private static void checkAnchorConstraints(Window current, X509Certificate[] chain) throws CertificateException {
        current.checks().check(chain, current.paths());
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        decide(chain, pkix -> pkix.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        decide(chain, pkix -> pkix.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        decide(chain, pkix -> pkix.checkClientTrusted(chain, authType));
    }

    /** One of the PKIX manager's checks, run with the anchors valid now. */
    @FunctionalInterface
    private interface Check {
        void run(X509ExtendedTrustManager pkix) throws CertificateException;
    }

    private void decide(X509Certificate[] chain, Check check) throws CertificateException {
        decide(window(), chain, check);
    }

    private void decide(Window current, X509Certificate[] chain, Check check) throws CertificateException {
        try {
            check.run(delegate(current));
        } catch (CertificateException e) {
            throw explained(current, chain, e);
        } catch (RuntimeException e) {
            // The JDK's validation can throw unchecked (UnsupportedOperationException on otherName constraints):
            // the chain is refused with the cause, not left to fail the handshake unexplained.
            throw ValidatedPaths.uncheckable(chain, e);
        }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return window().valid().toArray(new X509Certificate[0]);
    }

    private static X509ExtendedTrustManager delegate(Window current) throws CertificateException {
        if (current.pkix() == null) {
            throw new CertificateException("PKIX path building failed: unable to find valid certification path to"
                    + " requested target (this client's trust holds no certificate that is valid now)");
        }
        return current.pkix();
    }

    /**
     * The failure, or, when an anchor left out for its dates would have anchored the chain, a failure that says so:
     * the JDK alone would only say that no path was found.
     */
    private CertificateException explained(Window current, X509Certificate[] chain, CertificateException failure) {
        if (chain == null) {
            return failure;
        }
        for (X509Certificate anchor : current.invalid()) {
            if (anchors(anchor, chain)) {
                CertificateException explained = AnchorOutOfDate.of(anchor, Instant.ofEpochMilli(clock.getAsLong()));
                // Not chained to the JDK's "no path found": the innermost cause is what a diagnosis reads.
                return explained;
            }
        }
        return failure;
    }

    /** Whether the anchor is a presented certificate, or signed one. */
    private static boolean anchors(X509Certificate anchor, X509Certificate[] chain) {
        for (X509Certificate presented : chain) {
            if (presented.equals(anchor)) {
                return true;
            }
            if (presented.getIssuerX500Principal().equals(anchor.getSubjectX500Principal())) {
                try {
                    presented.verify(anchor.getPublicKey());
                    return true;
                } catch (GeneralSecurityException | RuntimeException e) {
                    // Another key with the same name: not this anchor.
                }
            }
        }
        return false;
    }
}

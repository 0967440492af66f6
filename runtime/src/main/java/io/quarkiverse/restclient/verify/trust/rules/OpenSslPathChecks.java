package io.quarkiverse.restclient.verify.trust.rules;

import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.Extension;

import io.quarkiverse.restclient.verify.trust.ValidatedPath;
import io.quarkiverse.restclient.verify.trust.ValidatedPaths;

/**
 * The checks OpenSSL, hence Python requests, makes on a server's path and the JDK's PKIX validation does not, for one
 * set of trust anchors: the anchor's own name constraints and path length (the JDK ignores both on a trust anchor),
 * authority key identifiers that contradict their issuer's subject key identifier, CAs whose extended key usage
 * excludes TLS servers, and a server certificate for anyExtendedKeyUsage only (which the JDK takes for serverAuth). Read once
 * per set of anchors. A handshake builds the validated path for them only when the
 * presented chain can break one: it names a constrained anchor as an issuer or subject, a presented CA restricts its
 * extended key usage, or an authority key identifier names no key of the chain or the anchors; otherwise it pays a
 * few extension reads.
 */
public final class OpenSslPathChecks {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private final Map<X509Certificate, CaNameConstraints> nameConstraints = new HashMap<>();
    private final Set<X500Principal> constrainedSubjects = new HashSet<>();
    private final Set<ByteBuffer> anchorKeys = new HashSet<>();

    private OpenSslPathChecks(Collection<X509Certificate> anchors) {
        for (X509Certificate anchor : anchors) {
            CaNameConstraints constraints = CaNameConstraints.of(anchor);
            if (constraints != null) {
                nameConstraints.put(anchor, constraints);
            }
            int pathLength = anchor.getBasicConstraints();
            if (constraints != null || (pathLength >= 0 && pathLength != Integer.MAX_VALUE)) {
                constrainedSubjects.add(anchor.getSubjectX500Principal());
            }
            ByteBuffer key = keyOf(anchor, Extension.subjectKeyIdentifier.getId());
            if (key != null) {
                anchorKeys.add(key);
            }
        }
    }

    /** The checks for these anchors. */
    public static OpenSslPathChecks of(Collection<X509Certificate> anchors) {
        return new OpenSslPathChecks(anchors);
    }

    /**
     * Refuses an accepted chain whose validated path breaks one of the checks; builds the path only when the chain can.
     *
     * @throws NameConstraintViolationException for the anchor's name constraints
     * @throws PathRuleViolationException for a path length, key identifier or extended key usage
     */
    public void check(X509Certificate[] chain, ValidatedPaths paths) throws CertificateException {
        if (mayBreak(chain)) {
            check(paths.of(chain));
        }
    }

    /** Refuses a validated path that breaks one of the checks. */
    public void check(ValidatedPath path) throws CertificateException {
        CaNameConstraints constraints = nameConstraints.get(path.anchor());
        if (constraints != null) {
            constraints.check(path.certificates());
        }
        StrictPathRules.checkAsOpenSsl(path);
    }

    /** Whether the chain can break a check, judged from the presented certificates alone. */
    boolean mayBreak(X509Certificate[] chain) {
        if (chain == null) {
            return false;
        }
        Set<ByteBuffer> presentedKeys = null;
        for (int i = 0; i < chain.length; i++) {
            X509Certificate certificate = chain[i];
            if (certificate == null) {
                return false;
            }
            if (constrainedSubjects.contains(certificate.getIssuerX500Principal())
                    || constrainedSubjects.contains(certificate.getSubjectX500Principal())) {
                return true;
            }
            if (i > 0 && certificate.getBasicConstraints() >= 0 && restrictsServers(certificate)) {
                return true;
            }
            if (i == 0 && anyPurposeOnly(certificate)) {
                return true;
            }
            ByteBuffer authority = keyOf(certificate, Extension.authorityKeyIdentifier.getId());
            if (authority != null && !anchorKeys.contains(authority)) {
                if (presentedKeys == null) {
                    presentedKeys = new HashSet<>();
                    for (X509Certificate presented : chain) {
                        ByteBuffer key = keyOf(presented, Extension.subjectKeyIdentifier.getId());
                        if (key != null) {
                            presentedKeys.add(key);
                        }
                    }
                }
                if (!presentedKeys.contains(authority)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean restrictsServers(X509Certificate ca) {
        try {
            List<String> purposes = ca.getExtendedKeyUsage();
            return purposes != null && !purposes.contains(SERVER_AUTH) && !purposes.contains(ANY_EXTENDED_KEY_USAGE);
        } catch (CertificateParsingException e) {
            // Unreadable: the path check reads it again and says so.
            return true;
        }
    }

    private static boolean anyPurposeOnly(X509Certificate leaf) {
        try {
            return StrictPathRules.anyPurposeOnly(leaf);
        } catch (CertificateException e) {
            return true;
        }
    }

    private static ByteBuffer keyOf(X509Certificate certificate, String oid) {
        try {
            byte[] key = StrictPathRules.keyIdentifier(certificate, oid);
            return key == null ? null : ByteBuffer.wrap(key);
        } catch (CertificateException e) {
            // An unreadable identifier links nothing; the JDK decided the chain without it.
            return null;
        }
    }
}

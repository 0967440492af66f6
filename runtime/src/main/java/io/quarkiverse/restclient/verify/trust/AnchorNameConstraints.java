package io.quarkiverse.restclient.verify.trust;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

/**
 * The name constraints of a client's trust anchors, which the JDK's path validation ignores (a {@code TrustAnchor}
 * with constraints is not even supported by its path builder) and OpenSSL, hence Python requests, enforces. Read once
 * per set of anchors; a handshake pays for it only when a presented certificate names a constrained anchor as its
 * issuer or subject, since no other chain can end at one.
 */
final class AnchorNameConstraints {

    /** Anchors without name constraints: nothing to check. */
    static final AnchorNameConstraints NONE = new AnchorNameConstraints(Map.of());

    private final Map<X509Certificate, CaNameConstraints> byAnchor;
    private final Set<X500Principal> subjects = new HashSet<>();

    private AnchorNameConstraints(Map<X509Certificate, CaNameConstraints> byAnchor) {
        this.byAnchor = Map.copyOf(byAnchor);
        for (X509Certificate anchor : byAnchor.keySet()) {
            subjects.add(anchor.getSubjectX500Principal());
        }
    }

    /** The constraints of those of these anchors that carry name constraints. */
    static AnchorNameConstraints of(Collection<X509Certificate> anchors) {
        Map<X509Certificate, CaNameConstraints> constrained = new HashMap<>();
        for (X509Certificate anchor : anchors) {
            CaNameConstraints constraints = CaNameConstraints.of(anchor);
            if (constraints != null) {
                constrained.put(anchor, constraints);
            }
        }
        return constrained.isEmpty() ? NONE : new AnchorNameConstraints(constrained);
    }

    /** Whether no anchor carries name constraints. */
    boolean isEmpty() {
        return byAnchor.isEmpty();
    }

    /** Whether the chain's validated path can end at a constrained anchor. */
    boolean mayApply(X509Certificate[] chain) {
        if (byAnchor.isEmpty() || chain == null) {
            return false;
        }
        for (X509Certificate certificate : chain) {
            if (certificate != null && (subjects.contains(certificate.getIssuerX500Principal())
                    || subjects.contains(certificate.getSubjectX500Principal()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Refuses the path when its anchor has name constraints that a certificate below it breaks.
     *
     * @throws NameConstraintViolationException naming the anchor, the certificate, the name and the constraints
     */
    void check(ValidatedPath path) throws CertificateException {
        CaNameConstraints constraints = byAnchor.get(path.anchor());
        if (constraints != null) {
            List<X509Certificate> below = path.certificates();
            constraints.check(below);
        }
    }
}

package io.quarkiverse.restclient.verify.trust;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.x500.X500Principal;

/**
 * The certification path a trusted chain was validated along: the server's certificate, each issuer whose signature
 * verifies the one before, up to a certificate of the client's trust. Certificates the server sent that do not sign
 * anything on the way are not part of it, which is what keeps pins honest (CVE-2016-2402: a pin must not be satisfied
 * by a certificate the server merely appended).
 */
final class ValidatedPath {

    /** Deeper chains than this are not built by the JDK either. */
    private static final int MAX_LENGTH = 10;
    /** Verified signatures remembered; servers present the same few chains again and again. */
    private static final int MAX_VERIFIED = 1024;

    private final TrustMaterial material;
    private final Map<X500Principal, List<X509Certificate>> anchorsBySubject = new HashMap<>();
    // A signature check costs more than the rest of the path building; its result for two given certificates (equal
    // by their whole encoding) never changes, so it is done once per pair.
    private final Map<X509Certificate, X509Certificate> verifiedIssuer = new ConcurrentHashMap<>();

    /** The anchors of this material, indexed by subject; directories are searched per chain. */
    ValidatedPath(TrustMaterial material) {
        this.material = material;
        for (X509Certificate anchor : material.anchors()) {
            anchorsBySubject.computeIfAbsent(anchor.getSubjectX500Principal(), s -> new ArrayList<>()).add(anchor);
        }
    }

    TrustMaterial material() {
        return material;
    }

    /**
     * The path of a chain the trust manager accepted, leaf first. It ends with the trust anchor, or with the last
     * certificate whose issuer could not be found (which a chain the JDK accepted does not have).
     */
    List<X509Certificate> of(X509Certificate[] chain) {
        List<X509Certificate> path = new ArrayList<>();
        X509Certificate current = chain[0];
        path.add(current);
        while (path.size() < MAX_LENGTH) {
            if (anchors(current.getSubjectX500Principal()).contains(current)) {
                // The certificate itself is trusted: the JDK ends the path here too.
                break;
            }
            X509Certificate next = null;
            for (X509Certificate anchor : anchors(current.getIssuerX500Principal())) {
                if (signs(anchor, current)) {
                    next = anchor;
                    break;
                }
            }
            if (next != null) {
                path.add(next);
                break;
            }
            for (int i = 1; i < chain.length && next == null; i++) {
                X509Certificate candidate = chain[i];
                if (!path.contains(candidate)
                        && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && signs(candidate, current)) {
                    next = candidate;
                }
            }
            if (next == null) {
                break;
            }
            path.add(next);
            current = next;
        }
        return path;
    }

    private List<X509Certificate> anchors(X500Principal subject) {
        List<X509Certificate> fixed = anchorsBySubject.getOrDefault(subject, List.of());
        if (material.directories().isEmpty()) {
            return fixed;
        }
        List<X509Certificate> all = new ArrayList<>(fixed);
        for (CaDirectory directory : material.directories()) {
            all.addAll(directory.findBySubject(subject));
        }
        return all;
    }

    private boolean signs(X509Certificate issuer, X509Certificate subject) {
        if (issuer.equals(verifiedIssuer.get(subject))) {
            return true;
        }
        try {
            subject.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
        if (verifiedIssuer.size() >= MAX_VERIFIED) {
            verifiedIssuer.clear();
        }
        verifiedIssuer.put(subject, issuer);
        return true;
    }
}

package io.quarkiverse.restclient.verify.trust;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.security.auth.x500.X500Principal;

/**
 * The validated paths of server chains under one set of trust anchors: the JDK's PKIX path builder over those anchors
 * and the presented certificates, as the JDK's trust manager itself falls back to. The builder backtracks out of dead
 * ends, so a decoy (an intermediate's name and key under another issuer) is passed over for the real intermediate,
 * and a certificate that signs nothing on the way is never part of a path. Built only when a check after the chain
 * asks, and remembered per presented chain while the path's certificates are valid.
 */
public final class ValidatedPaths {

    /**
     * Paths remembered; servers present the same few chains again and again. Past it the least recently used is
     * dropped, so a server sending a new chain on every handshake does not evict the chains in use.
     */
    static final int MAX_REMEMBERED = 64;
    private static final String NAME_CONSTRAINTS = "2.5.29.30";

    private final List<X509Certificate> anchors;
    private volatile Index index;
    private final Map<List<X509Certificate>, Remembered> remembered = RecentlyUsed.map(MAX_REMEMBERED);

    /** The anchors as the builder takes them, and by subject. */
    private record Index(Set<TrustAnchor> trustAnchors, Map<X500Principal, List<X509Certificate>> bySubject) {
    }

    /** A path, and the last millisecond at which all of its certificates are still valid. */
    private record Remembered(ValidatedPath path, long validUntil) {
    }

    /** Paths ending at one of these certificates, whatever their dates (the caller chose the anchors valid now). */
    public ValidatedPaths(List<X509Certificate> anchors) {
        this.anchors = List.copyOf(anchors);
    }

    /**
     * The path of a chain that was accepted under these anchors.
     *
     * @throws CertificateException when no path to these anchors can be established: the checks after the chain
     *         cannot be made, so the chain must be refused
     */
    public ValidatedPath of(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0 || Arrays.asList(chain).contains(null)) {
            throw new CertificateException("the server presented no usable certificate chain");
        }
        long now = System.currentTimeMillis();
        List<X509Certificate> key = List.of(chain);
        Remembered known = remembered.get(key);
        if (known != null && now <= known.validUntil()) {
            return known.path();
        }
        ValidatedPath path = build(chain, now);
        long validUntil = Long.MAX_VALUE;
        for (X509Certificate certificate : path.certificates()) {
            validUntil = Math.min(validUntil, certificate.getNotAfter().getTime());
        }
        remembered.put(key, new Remembered(path, validUntil));
        return path;
    }

    /** How many paths are remembered, for tests that bound them. */
    int size() {
        return remembered.size();
    }

    private ValidatedPath build(X509Certificate[] chain, long now) throws CertificateException {
        Index anchorIndex = index();
        X509Certificate leaf = chain[0];
        // The JDK accepts a server certificate that is trusted itself, or has the name and key of a trusted one,
        // without building anything: that certificate of the trust is the anchor.
        for (X509Certificate anchor : anchorIndex.bySubject().getOrDefault(leaf.getSubjectX500Principal(), List.of())) {
            if (anchor.equals(leaf) || anchor.getPublicKey().equals(leaf.getPublicKey())) {
                return new ValidatedPath(List.of(), anchor);
            }
        }
        try {
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchorIndex.trustAnchors(), target);
            // Revocation is this extension's own check, made on the path found here.
            parameters.setRevocationEnabled(false);
            parameters.setDate(new Date(now));
            parameters.addCertStore(CertStore.getInstance("Collection",
                    new CollectionCertStoreParameters(Arrays.asList(chain))));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX")
                    .build(parameters);
            List<X509Certificate> path = new ArrayList<>();
            for (Certificate certificate : result.getCertPath().getCertificates()) {
                path.add((X509Certificate) certificate);
            }
            return new ValidatedPath(path, result.getTrustAnchor().getTrustedCert());
        } catch (GeneralSecurityException e) {
            CertificateException refused = new CertificateException("the chain of '"
                    + Printable.name(leaf.getSubjectX500Principal()) + "' passed the JDK's checks, but the path it was"
                    + " validated along could not be established again under the same trust anchors ("
                    + e.getClass().getSimpleName() + "), so its revocation, pins and distrust-after dates cannot be"
                    + " checked: the chain is refused rather than judged on a guess");
            // Kept for the stack trace, not as the cause: the cause's text would read as an unknown issuer.
            refused.addSuppressed(e);
            throw refused;
        } catch (RuntimeException e) {
            throw uncheckable(chain, e);
        }
    }

    private Index index() {
        Index current = index;
        if (current == null) {
            Set<TrustAnchor> trustAnchors = new HashSet<>();
            Map<X500Principal, List<X509Certificate>> bySubject = new HashMap<>();
            for (X509Certificate anchor : anchors) {
                trustAnchors.add(new TrustAnchor(anchor, null));
                bySubject.computeIfAbsent(anchor.getSubjectX500Principal(), s -> new ArrayList<>()).add(anchor);
            }
            current = new Index(Set.copyOf(trustAnchors), Map.copyOf(bySubject));
            index = current;
        }
        return current;
    }

    /**
     * The rejection for an unchecked exception out of the JDK's path validation (for example
     * {@code UnsupportedOperationException} for name constraints on otherName): a chain that cannot be validated is
     * refused like any other, with the cause and the CAs whose name constraints are the likely reason.
     */
    public static CertificateException uncheckable(X509Certificate[] chain, RuntimeException failure) {
        StringBuilder message = new StringBuilder("the JDK's path validation cannot check the server's chain: it"
                + " failed with ").append(failure.getClass().getSimpleName()).append(": ")
                .append(Printable.text(String.valueOf(failure.getMessage()), 500));
        List<String> constrained = new ArrayList<>();
        if (chain != null) {
            for (X509Certificate certificate : chain) {
                if (certificate != null && certificate.getExtensionValue(NAME_CONSTRAINTS) != null) {
                    constrained.add("'" + Printable.name(certificate.getSubjectX500Principal()) + "'");
                }
            }
        }
        if (!constrained.isEmpty()) {
            message.append(". The name constraints of ").append(String.join(", ", constrained))
                    .append(" are the likely reason: the JDK cannot evaluate some name forms (such as otherName) when"
                            + " it merges constraints. The chain is refused; the server's owner needs a chain whose"
                            + " CAs constrain only DNS, IP, email or directory names");
        } else {
            message.append(". The chain is refused");
        }
        CertificateException refused = new CertificateException(message.toString());
        refused.addSuppressed(failure);
        return refused;
    }
}

package io.quarkiverse.restclient.verify.trust.revocation;

import java.io.IOException;
import java.security.cert.CRLReason;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

import io.quarkiverse.restclient.verify.trust.Printable;

/**
 * What a CRL, already known to be signed by a certificate's issuer, can say about that certificate (RFC 5280, 6.3.3).
 * Only a complete CRL for the certificate's distribution point may say "not revoked": one without an issuing
 * distribution point (the CA's whole CRL), or whose issuing distribution point names a point the certificate names
 * and covers its kind (CA or end entity) and every reason. A shard of another point, a CRL limited to some reasons or
 * to the other kind of certificate, and a delta CRL still count when they list the certificate; an indirect CRL or one
 * with a critical extension this client does not understand counts for nothing. Like OpenSSL's {@code -crl_check}
 * without {@code -extended_crl}, a certificate without distribution points is answered only by CRLs whose issuing
 * distribution point names no point.
 */
public final class CrlScope {

    /** How far a CRL can answer for a certificate. */
    public enum Use {
        /** Listed means revoked, not listed means not revoked. */
        COMPLETE,
        /** Listed means revoked; not listed says nothing. */
        REVOCATIONS_ONLY,
        /** Says nothing either way. */
        NONE
    }

    /**
     * The verdict for one certificate.
     *
     * @param use how far the CRL answers
     * @param limit why it does not answer completely, in words, for {@link Use#REVOCATIONS_ONLY} and {@link Use#NONE}
     */
    public record Verdict(Use use, String limit) {
    }

    // Critical CRL extensions this class understands: issuing distribution point and delta CRL indicator.
    private static final Set<String> KNOWN_CRITICAL = Set.of(Extension.issuingDistributionPoint.getId(),
            Extension.deltaCRLIndicator.getId());
    // Entry extensions: reason code and invalidity date. A certificate issuer entry belongs to indirect CRLs.
    private static final Set<String> KNOWN_CRITICAL_ENTRY = Set.of(Extension.reasonCode.getId(),
            Extension.invalidityDate.getId());

    private final String unusable;
    private final boolean delta;
    private final IssuingDistributionPoint point;

    private CrlScope(String unusable, boolean delta, IssuingDistributionPoint point) {
        this.unusable = unusable;
        this.delta = delta;
        this.point = point;
    }

    /** Reads a CRL's scope once; its entries are looked at here, not at every handshake. */
    public static CrlScope of(X509CRL crl) {
        boolean delta = crl.getExtensionValue(Extension.deltaCRLIndicator.getId()) != null;
        for (String oid : nonNull(crl.getCriticalExtensionOIDs())) {
            if (!KNOWN_CRITICAL.contains(oid)) {
                return new CrlScope("it has a critical extension " + oid + " that this client does not understand",
                        delta, null);
            }
        }
        IssuingDistributionPoint point = null;
        byte[] value = crl.getExtensionValue(Extension.issuingDistributionPoint.getId());
        if (value != null) {
            try {
                ASN1Primitive parsed = JcaX509ExtensionUtils.parseExtensionValue(value);
                point = IssuingDistributionPoint.getInstance(parsed);
            } catch (IOException | RuntimeException e) {
                return new CrlScope("its issuing distribution point cannot be read", delta, null);
            }
            if (point.isIndirectCRL()) {
                return new CrlScope("it is an indirect CRL, which may list certificates of other issuers", delta,
                        point);
            }
            if (point.onlyContainsAttributeCerts()) {
                return new CrlScope("it lists only attribute certificates", delta, point);
            }
        }
        if (crl.getRevokedCertificates() != null) {
            for (X509CRLEntry entry : crl.getRevokedCertificates()) {
                if (entry.getExtensionValue(Extension.certificateIssuer.getId()) != null) {
                    return new CrlScope("an entry names another certificate issuer, as only indirect CRLs do", delta,
                            point);
                }
                for (String oid : nonNull(entry.getCriticalExtensionOIDs())) {
                    if (!KNOWN_CRITICAL_ENTRY.contains(oid)) {
                        return new CrlScope("an entry has a critical extension " + oid
                                + " that this client does not understand", delta, point);
                    }
                }
            }
        }
        return new CrlScope(null, delta, point);
    }

    /** How far the CRL answers for this certificate. */
    public Verdict verdict(X509Certificate certificate) {
        if (unusable != null) {
            return new Verdict(Use.NONE, unusable);
        }
        List<String> limits = new ArrayList<>();
        if (delta) {
            limits.add("it is a delta CRL, which lists only the changes since a base CRL");
        }
        if (point != null) {
            boolean ca = certificate.getBasicConstraints() >= 0;
            if (point.onlyContainsCACerts() && !ca) {
                limits.add("it lists only CA certificates");
            }
            if (point.onlyContainsUserCerts() && ca) {
                limits.add("it lists only end-entity certificates");
            }
            if (point.getOnlySomeReasons() != null) {
                limits.add("it lists only revocations for some reasons");
            }
            if (point.getDistributionPoint() != null && !namedBy(point.getDistributionPoint(), certificate)) {
                limits.add("it is the CRL of another distribution point ("
                        + Printable.text(describe(point.getDistributionPoint()), Printable.MAX_NAME)
                        + ") than the certificate names");
            }
        }
        return limits.isEmpty() ? new Verdict(Use.COMPLETE, null)
                : new Verdict(Use.REVOCATIONS_ONLY, String.join("; ", limits));
    }

    /** Whether this entry revokes its certificate: a delta CRL's removeFromCRL entry takes a hold back instead. */
    static boolean revokes(X509CRLEntry entry) {
        return entry.getRevocationReason() != CRLReason.REMOVE_FROM_CRL;
    }

    private static boolean namedBy(DistributionPointName crlPoint, X509Certificate certificate) {
        byte[] value = certificate.getExtensionValue(Extension.cRLDistributionPoints.getId());
        if (value == null) {
            return false;
        }
        try {
            for (DistributionPoint point : CRLDistPoint.getInstance(JcaX509ExtensionUtils.parseExtensionValue(value))
                    .getDistributionPoints()) {
                // A point with its own CRL issuer is served by an indirect CRL, never by this issuer's own.
                if (point.getCRLIssuer() != null || point.getDistributionPoint() == null) {
                    continue;
                }
                if (same(point.getDistributionPoint(), crlPoint)) {
                    return true;
                }
            }
        } catch (IOException | RuntimeException e) {
            // A malformed extension names no point.
        }
        return false;
    }

    private static boolean same(DistributionPointName a, DistributionPointName b) {
        if (a.getType() != b.getType()) {
            return false;
        }
        if (a.getType() != DistributionPointName.FULL_NAME) {
            // Both relative to the same CRL issuer (the certificate's issuer): the same name is the same point.
            return a.getName().equals(b.getName());
        }
        for (GeneralName one : GeneralNames.getInstance(a.getName()).getNames()) {
            for (GeneralName other : GeneralNames.getInstance(b.getName()).getNames()) {
                if (one.equals(other)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String describe(DistributionPointName name) {
        if (name.getType() != DistributionPointName.FULL_NAME) {
            return "a name relative to the CRL issuer";
        }
        List<String> names = new ArrayList<>();
        for (GeneralName general : GeneralNames.getInstance(name.getName()).getNames()) {
            names.add(general.getName().toString());
        }
        return String.join(", ", names);
    }

    private static Set<String> nonNull(Set<String> oids) {
        return oids == null ? Set.of() : oids;
    }
}

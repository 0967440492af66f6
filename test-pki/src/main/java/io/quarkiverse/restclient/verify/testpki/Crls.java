package io.quarkiverse.restclient.verify.testpki;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuingDistributionPoint;
import org.bouncycastle.asn1.x509.ReasonFlags;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificate revocation lists signed by a test CA. */
public final class Crls {

    private Crls() {
    }

    /** A CRL of the CA, current for a day, revoking these certificates (reason: key compromise). */
    public static X509CRL issue(CertificateAuthority ca, X509Certificate... revoked) {
        return issue(ca, Instant.now().minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofDays(1)), revoked);
    }

    /** A CRL of the CA with this validity, e.g. one whose nextUpdate has passed. */
    public static X509CRL issue(CertificateAuthority ca, Instant thisUpdate, Instant nextUpdate,
            X509Certificate... revoked) {
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate().getSubjectX500Principal(),
                    Date.from(thisUpdate));
            builder.setNextUpdate(Date.from(nextUpdate));
            for (X509Certificate certificate : revoked) {
                builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate), CRLReason.keyCompromise);
            }
            builder.addCRLEntry(BigInteger.valueOf(999_999), Date.from(thisUpdate), CRLReason.superseded);
            String algorithm = "RSA".equals(ca.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CRLConverter()
                    .getCRL(builder.build(new JcaContentSignerBuilder(algorithm).build(ca.privateKey())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a CRL", e);
        }
    }

    /** A CRL of the CA whose scope its extensions set, e.g. one shard of a CA that partitions its CRLs. */
    public static Scoped scoped(CertificateAuthority ca) {
        return new Scoped(ca);
    }

    /** A CRL with an issuing distribution point (RFC 5280, 5.2.5) and other scope-setting extensions. */
    public static final class Scoped {
        private final CertificateAuthority ca;
        private final List<X509Certificate> revoked = new ArrayList<>();
        private URI distributionPoint;
        private boolean onlyUserCerts;
        private boolean onlyCaCerts;
        private boolean onlyAttributeCerts;
        private boolean someReasons;
        private boolean indirect;
        private boolean delta;
        private boolean issuingDistributionPoint;
        private String criticalExtension;
        private String criticalEntryExtension;

        private Scoped(CertificateAuthority ca) {
            this.ca = ca;
        }

        /** The issuing distribution point names this URL. */
        public Scoped distributionPoint(URI url) {
            this.distributionPoint = url;
            this.issuingDistributionPoint = true;
            return this;
        }

        /** The CRL lists only end-entity certificates. */
        public Scoped onlyUserCerts() {
            this.onlyUserCerts = true;
            this.issuingDistributionPoint = true;
            return this;
        }

        /** The CRL lists only CA certificates. */
        public Scoped onlyCaCerts() {
            this.onlyCaCerts = true;
            this.issuingDistributionPoint = true;
            return this;
        }

        /** The CRL lists only attribute certificates. */
        public Scoped onlyAttributeCerts() {
            this.onlyAttributeCerts = true;
            this.issuingDistributionPoint = true;
            return this;
        }

        /** The CRL lists only revocations for key compromise. */
        public Scoped onlySomeReasons() {
            this.someReasons = true;
            this.issuingDistributionPoint = true;
            return this;
        }

        /** The CRL says it is indirect: it may list certificates of other issuers. */
        public Scoped indirect() {
            this.indirect = true;
            this.issuingDistributionPoint = true;
            return this;
        }

        /** The CRL is a delta CRL: only the changes since base CRL number 1. */
        public Scoped delta() {
            this.delta = true;
            return this;
        }

        /** The CRL carries a critical extension of this OID (with a NULL value). */
        public Scoped criticalExtension(String oid) {
            this.criticalExtension = oid;
            return this;
        }

        /** Each entry carries a critical entry extension of this OID (with a NULL value). */
        public Scoped criticalEntryExtension(String oid) {
            this.criticalEntryExtension = oid;
            return this;
        }

        /** The CRL lists these certificates (reason: key compromise). */
        public Scoped revoke(X509Certificate... certificates) {
            revoked.addAll(List.of(certificates));
            return this;
        }

        /** Signs the CRL, current for a day. */
        public X509CRL issue() {
            try {
                Instant thisUpdate = Instant.now().minus(Duration.ofMinutes(5));
                X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(ca.certificate().getSubjectX500Principal(),
                        Date.from(thisUpdate));
                builder.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(1))));
                builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.TWO));
                for (X509Certificate certificate : revoked) {
                    if (criticalEntryExtension == null) {
                        builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate),
                                CRLReason.keyCompromise);
                    } else {
                        builder.addCRLEntry(certificate.getSerialNumber(), Date.from(thisUpdate),
                                new Extensions(new Extension(new ASN1ObjectIdentifier(criticalEntryExtension), true,
                                        DERNull.INSTANCE.getEncoded())));
                    }
                }
                if (issuingDistributionPoint) {
                    DistributionPointName name = distributionPoint == null ? null
                            : new DistributionPointName(new GeneralNames(new GeneralName(
                                    GeneralName.uniformResourceIdentifier, distributionPoint.toString())));
                    builder.addExtension(Extension.issuingDistributionPoint, true, new IssuingDistributionPoint(name,
                            onlyUserCerts, onlyCaCerts, someReasons ? new ReasonFlags(ReasonFlags.keyCompromise) : null,
                            indirect, onlyAttributeCerts));
                }
                if (delta) {
                    builder.addExtension(Extension.deltaCRLIndicator, true, new CRLNumber(BigInteger.ONE));
                }
                if (criticalExtension != null) {
                    builder.addExtension(new ASN1ObjectIdentifier(criticalExtension), true, DERNull.INSTANCE);
                }
                String algorithm = "RSA".equals(ca.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
                return new JcaX509CRLConverter()
                        .getCRL(builder.build(new JcaContentSignerBuilder(algorithm).build(ca.privateKey())));
            } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
                throw new IllegalStateException("cannot issue a CRL", e);
            }
        }
    }

    /** The CRL in PEM form. */
    public static String pem(X509CRL crl) {
        try {
            return "-----BEGIN X509 CRL-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(crl.getEncoded())
                    + "\n-----END X509 CRL-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

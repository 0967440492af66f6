package io.quarkiverse.restclient.verify.trust;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;

/**
 * CRLs and certificates with any distribution-point and scope extensions, for the cases {@code Crls.scoped} does not
 * build: names relative to the CRL issuer, several names per point, points served by another CRL issuer, CRLs without
 * nextUpdate, entries with their own extensions.
 */
public final class CrlParts {

    /** Adds extensions and entries to a CRL under construction. */
    public interface Setup {
        public void apply(X509v2CRLBuilder builder) throws Exception;
    }

    private CrlParts() {
    }

    /** A CRL signed by the CA, issued five minutes ago, with this nextUpdate (none when null). */
    public static X509CRL crl(CertificateAuthority ca, Instant nextUpdate, Setup setup) {
        return crl(ca.certificate().getSubjectX500Principal(), ca, nextUpdate, setup);
    }

    /** A CRL that names this issuer but is signed by the CA's key, e.g. to imitate another CA. */
    public static X509CRL crl(X500Principal issuer, CertificateAuthority signer, Instant nextUpdate, Setup setup) {
        try {
            X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(issuer,
                    Date.from(Instant.now().minus(Duration.ofMinutes(5))));
            if (nextUpdate != null) {
                builder.setNextUpdate(Date.from(nextUpdate));
            }
            setup.apply(builder);
            return new JcaX509CRLConverter().getCRL(builder.build(
                    new JcaContentSignerBuilder(algorithm(signer)).build(signer.privateKey())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a CRL", e);
        }
    }

    /** A CRL of the CA current for a day. */
    public static X509CRL crl(CertificateAuthority ca, Setup setup) {
        return crl(ca, Instant.now().plus(Duration.ofDays(1)), setup);
    }

    /**
     * A certificate the CA issues: an end entity when {@code pathLength} is negative, else a CA with this path length;
     * with these extensions, e.g. {@link #distributionPoints}.
     */
    public static X509Certificate certificate(CertificateAuthority ca, int pathLength, Extension... extensions) {
        try {
            KeyPair keys = OcspResponses.newKeys();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                    ca.certificate().getSubjectX500Principal(), BigInteger.valueOf(System.nanoTime()),
                    Date.from(Instant.now().minus(Duration.ofHours(1))), Date.from(Instant.now().plus(Duration.ofDays(30))),
                    new X500Principal("CN=Scoped " + System.nanoTime()), keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true,
                    pathLength < 0 ? new BasicConstraints(false) : new BasicConstraints(pathLength));
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm(ca)).build(ca.privateKey())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a certificate", e);
        }
    }

    /** A CRL distribution points extension with these points. */
    public static Extension distributionPoints(DistributionPoint... points) {
        try {
            return new Extension(Extension.cRLDistributionPoints, false, new CRLDistPoint(points).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A point with this name, served by the certificate's issuer. */
    public static DistributionPoint point(DistributionPointName name) {
        return new DistributionPoint(name, null, null);
    }

    /** A point with this name whose CRL another CRL issuer signs (an indirect CRL). */
    public static DistributionPoint pointOfAnotherCrlIssuer(DistributionPointName name, String crlIssuer) {
        return new DistributionPoint(name, null,
                new GeneralNames(new GeneralName(new X500Name(crlIssuer))));
    }

    /** A full name made of these URLs. */
    public static DistributionPointName urls(String... urls) {
        GeneralName[] names = new GeneralName[urls.length];
        for (int i = 0; i < urls.length; i++) {
            names[i] = new GeneralName(GeneralName.uniformResourceIdentifier, urls[i]);
        }
        return new DistributionPointName(new GeneralNames(names));
    }

    /** A name relative to the CRL issuer: the issuer's name plus this organisational unit. */
    public static DistributionPointName relative(String unit) {
        return new DistributionPointName(DistributionPointName.NAME_RELATIVE_TO_CRL_ISSUER,
                new RDN(BCStyle.OU, new DERUTF8String(unit)));
    }

    private static String algorithm(CertificateAuthority ca) {
        return "RSA".equals(ca.privateKey().getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    }
}

package io.quarkiverse.restclient.verify.testpki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;

/** PEM text and files, the way CA bundles and keys are handed out. */
public final class Pem {

    private Pem() {
    }

    /** The certificates as consecutive PEM blocks. */
    public static String certificates(X509Certificate... certificates) {
        return certificates(List.of(certificates));
    }

    /** The certificates as consecutive PEM blocks. */
    public static String certificates(List<X509Certificate> certificates) {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate certificate : certificates) {
            pem.append(block("CERTIFICATE", der(certificate)));
        }
        return pem.toString();
    }

    /**
     * The certificate as an OpenSSL {@code TRUSTED CERTIFICATE} block, as {@code openssl x509 -addtrust/-addreject ...
     * -trustout} writes it: the certificate followed by its trust settings.
     *
     * @param trusted the purposes it is trusted for (OIDs, e.g. {@code 1.3.6.1.5.5.7.3.4}); null for no trust list
     * @param rejected the purposes it is rejected for, e.g. {@code 1.3.6.1.5.5.7.3.1} (TLS server authentication)
     */
    public static String trustedCertificate(X509Certificate certificate, List<String> trusted, List<String> rejected) {
        try {
            ASN1EncodableVector aux = new ASN1EncodableVector();
            if (trusted != null) {
                aux.add(new DERSequence(identifiers(trusted)));
            }
            if (!rejected.isEmpty()) {
                aux.add(new DERTaggedObject(false, 0, new DERSequence(identifiers(rejected))));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(der(certificate));
            out.write(new DERSequence(aux).getEncoded());
            return block("TRUSTED CERTIFICATE", out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ASN1EncodableVector identifiers(List<String> oids) {
        ASN1EncodableVector vector = new ASN1EncodableVector();
        oids.forEach(oid -> vector.add(new ASN1ObjectIdentifier(oid)));
        return vector;
    }

    /** The key as an unencrypted PKCS#8 PEM block. */
    public static String privateKey(PrivateKey key) {
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** The DER encoding of the certificate. */
    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the text to the file, creating parent directories, and returns the file. */
    public static Path write(Path file, String pem) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] { '\n' }).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}

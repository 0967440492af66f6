package io.quarkiverse.restclient.verify.trust.files;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * OpenSSL's trust settings, the {@code X509_CERT_AUX} structure that follows the certificate in a
 * {@code -----BEGIN TRUSTED CERTIFICATE-----} block ({@code openssl x509 -addtrust/-addreject ... -trustout}; Fedora's
 * {@code ca-bundle.trust.crt}). Decided for TLS server authentication as OpenSSL's {@code X509_check_trust} does: a
 * reject list naming serverAuth or anyExtendedKeyUsage rejects; a trust list that names neither rejects too.
 */
final class OpenSslTrustSettings {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private OpenSslTrustSettings() {
    }

    /**
     * Why the certificate must not anchor a TLS server's chain, or empty when its trust settings allow it (or it has
     * none).
     *
     * @param block the DER bytes of the whole block: the certificate, then its trust settings
     * @throws TrustMaterialException when the trust settings cannot be read: trusting a certificate whose restrictions
     *         are unreadable would trust more than the file says
     */
    static Optional<String> rejectionForServerAuth(byte[] block) {
        ASN1Primitive aux;
        try (ASN1InputStream in = new ASN1InputStream(block)) {
            in.readObject();
            aux = in.readObject();
        } catch (IOException | RuntimeException e) {
            throw new TrustMaterialException("its OpenSSL trust settings cannot be read (" + e.getMessage() + ")", e);
        }
        if (aux == null) {
            return Optional.empty();
        }
        if (!(aux instanceof ASN1Sequence)) {
            throw new TrustMaterialException("its OpenSSL trust settings cannot be read (not a sequence)");
        }
        List<String> trusted = null;
        List<String> rejected = List.of();
        for (ASN1Encodable element : (ASN1Sequence) aux) {
            if (element instanceof ASN1Sequence) {
                trusted = identifiers((ASN1Sequence) element);
            } else if (element instanceof ASN1TaggedObject && ((ASN1TaggedObject) element).getTagNo() == 0) {
                rejected = identifiers(ASN1Sequence.getInstance((ASN1TaggedObject) element, false));
            }
        }
        if (rejected.contains(SERVER_AUTH) || rejected.contains(ANY_EXTENDED_KEY_USAGE)) {
            return Optional.of("its OpenSSL trust settings reject TLS server authentication");
        }
        if (trusted != null && !trusted.contains(SERVER_AUTH) && !trusted.contains(ANY_EXTENDED_KEY_USAGE)) {
            return Optional.of("its OpenSSL trust settings trust it only for " + (trusted.isEmpty() ? "nothing"
                    : String.join(", ", trusted.stream().map(OpenSslTrustSettings::usage).toList()))
                    + ", not for TLS server authentication");
        }
        return Optional.empty();
    }

    private static List<String> identifiers(ASN1Sequence sequence) {
        List<String> result = new ArrayList<>();
        for (ASN1Encodable element : sequence) {
            result.add(ASN1ObjectIdentifier.getInstance(element).getId());
        }
        return result;
    }

    private static String usage(String oid) {
        switch (oid) {
            case "1.3.6.1.5.5.7.3.2":
                return "TLS client authentication";
            case "1.3.6.1.5.5.7.3.3":
                return "code signing";
            case "1.3.6.1.5.5.7.3.4":
                return "e-mail protection";
            case "1.3.6.1.5.5.7.3.8":
                return "time stamping";
            default:
                return oid;
        }
    }
}

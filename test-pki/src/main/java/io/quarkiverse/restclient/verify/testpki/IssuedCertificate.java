package io.quarkiverse.restclient.verify.testpki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * An end-entity certificate with its key.
 *
 * @param certificate the certificate
 * @param privateKey its private key
 * @param chain the certificate followed by the intermediates that issued it (never the root): what a server sends
 * @param issuer the CA that signed it, null when self-signed
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain,
        CertificateAuthority issuer) {

    /** Checks the parts and freezes the chain. */
    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.get(0).equals(certificate)) {
            throw new IllegalArgumentException("the chain must start with the certificate itself");
        }
    }

    /** Only the certificate itself, as a server that forgets its intermediates sends it. */
    public List<X509Certificate> leafOnly() {
        return List.of(certificate);
    }

    /** The same certificate and key presenting only the leaf, as a misconfigured server does. */
    public IssuedCertificate withoutIntermediates() {
        return new IssuedCertificate(certificate, privateKey, leafOnly(), issuer);
    }
}

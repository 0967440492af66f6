package io.quarkiverse.restclient.verify.diagnosis;

import java.util.List;

import io.quarkiverse.restclient.verify.config.ClientKeys;

/**
 * What is known about the client whose call failed.
 *
 * @param clientName the client's name
 * @param keys the client's property names, for hints
 * @param trustDescription what the client trusts, with where that came from
 * @param trustValue the current {@code verify} value, or null when the client keeps its own TLS settings
 * @param replacesDefaultTrust whether the client's trust leaves out the JDK default trust
 * @param host the host the client calls, or null when unknown
 * @param port the port the client calls, or -1
 * @param acceptedIssuers the CAs the server named when it asked for a client certificate; null when it did not ask
 *        or the client's TLS settings are its own
 * @param clientCertificateConfigured whether the client may send a client certificate (a key store or a TLS
 *        configuration of its own)
 * @param otherTrust the trust the application could use besides the client's, asked when a chain is rejected for want
 *        of a trusted CA; {@link OtherTrust#NONE} when not asked
 */
public record DiagnosisContext(String clientName, ClientKeys keys, String trustDescription, String trustValue,
        boolean replacesDefaultTrust, String host, int port, List<String> acceptedIssuers,
        boolean clientCertificateConfigured, OtherTrust otherTrust) {

    public DiagnosisContext {
        otherTrust = otherTrust == null ? OtherTrust.NONE : otherTrust;
    }

    /** A context that asks no other trust. */
    public DiagnosisContext(String clientName, ClientKeys keys, String trustDescription, String trustValue,
            boolean replacesDefaultTrust, String host, int port, List<String> acceptedIssuers,
            boolean clientCertificateConfigured) {
        this(clientName, keys, trustDescription, trustValue, replacesDefaultTrust, host, port, acceptedIssuers,
                clientCertificateConfigured, OtherTrust.NONE);
    }

    /** The {@code verify} property to set for this client. */
    public String verifyKey() {
        return keys.verify();
    }
}

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
 * @param engine the TLS engine the client's handshakes run on; {@link Engine#JDK} when not told
 */
public record DiagnosisContext(String clientName, ClientKeys keys, String trustDescription, String trustValue,
        boolean replacesDefaultTrust, String host, int port, List<String> acceptedIssuers,
        boolean clientCertificateConfigured, OtherTrust otherTrust, Engine engine) {

    public DiagnosisContext {
        otherTrust = otherTrust == null ? OtherTrust.NONE : otherTrust;
        engine = engine == null ? Engine.JDK : engine;
    }

    /** A context of a client on the JDK's engine. */
    public DiagnosisContext(String clientName, ClientKeys keys, String trustDescription, String trustValue,
            boolean replacesDefaultTrust, String host, int port, List<String> acceptedIssuers,
            boolean clientCertificateConfigured, OtherTrust otherTrust) {
        this(clientName, keys, trustDescription, trustValue, replacesDefaultTrust, host, port, acceptedIssuers,
                clientCertificateConfigured, otherTrust, Engine.JDK);
    }

    /** A context that asks no other trust, of a client on the JDK's engine. */
    public DiagnosisContext(String clientName, ClientKeys keys, String trustDescription, String trustValue,
            boolean replacesDefaultTrust, String host, int port, List<String> acceptedIssuers,
            boolean clientCertificateConfigured) {
        this(clientName, keys, trustDescription, trustValue, replacesDefaultTrust, host, port, acceptedIssuers,
                clientCertificateConfigured, OtherTrust.NONE, Engine.JDK);
    }

    /** The {@code verify} property to set for this client. */
    public String verifyKey() {
        return keys.verify();
    }

    /**
     * The TLS engine of a client, as far as an explanation names it: which engine, and the key-exchange groups it was
     * told to offer.
     *
     * @param boringSsl whether the client runs on BoringSSL rather than the JDK's engine
     * @param groups the key-exchange groups the client offers, in order; empty for the engine's defaults
     * @param groupsKey the property that set the groups, or null when they are the engine's defaults
     */
    public record Engine(boolean boringSsl, List<String> groups, String groupsKey) {

        /** The JDK's engine, with the JDK's groups. */
        public static final Engine JDK = new Engine(false, List.of(), null);

        public Engine {
            groups = List.copyOf(groups);
        }

        /** The engine as a message names it: {@code the JDK} or {@code BoringSSL}. */
        String name() {
            return boringSsl ? "BoringSSL" : "the JDK";
        }

        /** The engine's name in the possessive: {@code the JDK's} or {@code BoringSSL's}. */
        String possessive() {
            return name() + "'s";
        }
    }
}

package io.quarkiverse.restclient.verify.runtime;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkiverse.restclient.verify.diagnosis.ClientCertificateRequests;
import io.quarkus.tls.TlsConfiguration;
import io.vertx.core.http.HttpClient;

/**
 * The TLS configurations the managed clients are built with, by name, with what goes along with each: what its servers
 * asked of its client certificate (by client) and the connections it has open (by configuration name), which a reload
 * and an expiry reach.
 */
public final class ClientTlsConfigurations {

    private final IntermediateRepairs repairs;
    private final Map<String, ClientCertificateRequests> clientCertificateRequests = new ConcurrentHashMap<>();
    private final Map<String, VerifyTlsConfiguration> tlsConfigurations = new ConcurrentHashMap<>();
    private final Map<String, OpenConnections> connections = new ConcurrentHashMap<>();
    private final ExpiryRevalidation expiries = new ExpiryRevalidation(tlsConfigurations::get);

    ClientTlsConfigurations(IntermediateRepairs repairs) {
        this.repairs = repairs;
    }

    /** The name of the TLS configuration a managed client is built with; the REST client renews it by this name. */
    static String tlsConfigurationName(ClientTrust trust) {
        return "rest-client-verify-" + trust.clientName();
    }

    /**
     * Builds the TLS configuration of a managed client, and watches the connections of a client that verifies.
     *
     * @param trust the client, whose trust is managed
     * @param verifyHost whether the client checks host names, its builder's verifyHost(false) included
     */
    public TlsConfiguration configure(ClientTrust trust, boolean verifyHost) {
        ClientCertificateRequests requests = clientCertificateRequests.computeIfAbsent(trust.interfaceName(),
                name -> new ClientCertificateRequests());
        VerifyTlsConfiguration configuration = new VerifyTlsConfiguration(tlsConfigurationName(trust),
                trust.trust().get(), verifyHost, trust.alpn(), requests, trust.certificateFiles(), trust.revocation(),
                repairs.layer(trust));
        tlsConfigurations.put(configuration.getName(), configuration);
        if (!trust.insecure()) {
            // A connection must not outlive the certificates it was trusted on.
            connections.computeIfAbsent(configuration.getName(),
                    name -> new OpenConnections(trust.clientName(), repairs.knownIssuers(trust),
                            (open, chain) -> expiries.plan(trust, open, chain)));
        }
        return configuration;
    }

    /**
     * Watches the connections of a managed client's HTTP client, so that a change that removes trust reaches them.
     * Called before each request; the first request of an HTTP client comes before its first connection.
     */
    public void watchConnections(String tlsConfigurationName, HttpClient httpClient) {
        if (tlsConfigurationName == null || httpClient == null) {
            return;
        }
        OpenConnections open = connections.get(tlsConfigurationName);
        if (open != null) {
            open.watch(httpClient);
        }
    }

    /** Stops planning revalidations at expiries: the application stops. */
    void close() {
        expiries.close();
    }

    /**
     * What the servers of a client asked of its client certificate, by interface name; null before its TLS
     * configuration is built.
     */
    ClientCertificateRequests clientCertificateRequests(String interfaceName) {
        return clientCertificateRequests.get(interfaceName);
    }

    /** The TLS configuration of this name; null when none was built. */
    TlsConfiguration configuration(String name) {
        return tlsConfigurations.get(name);
    }

    /** The open connections of the TLS configuration of this name; null when none. */
    OpenConnections connections(String name) {
        return connections.get(name);
    }
}

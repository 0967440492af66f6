package io.quarkiverse.restclient.verify.runtime;

/**
 * The rooms of the running application's REST client trust, set up at start-up by the recorder: the registry of the
 * clients' trust, their TLS configurations, the failure explainer, the reloader, the expiry watch, the intermediate
 * repairs and the policy for clients that skip verification. A {@code @Singleton} bean: health, metrics and the Dev UI
 * receive it by injection; only the REST client listener, which is no bean, holds it in a static field.
 */
public final class VerifyRuntime {

    private final VerifiedClients clients;
    private final InsecurePolicy policy;
    private final ExpiryWatch expiry;
    private final IntermediateRepairs repairs = new IntermediateRepairs();
    private final ClientTlsConfigurations tls;
    private final FailureExplainer explainer;
    private final TrustReloader reloader;
    private final PlainHttpCalls plainHttp;

    VerifyRuntime(ClientTrustResolver resolver, InsecurePolicy policy, ExpiryWatch expiry) {
        this.clients = new VerifiedClients(resolver);
        this.policy = policy;
        this.expiry = expiry;
        this.tls = new ClientTlsConfigurations(repairs);
        this.explainer = new FailureExplainer(tls, repairs);
        this.reloader = new TrustReloader(clients.live(), tls::configuration, tls::connections, expiry);
        this.plainHttp = new PlainHttpCalls(policy);
    }

    /** The registry of every client's trust. */
    public VerifiedClients clients() {
        return clients;
    }

    /** What the application allows of clients that skip verification. */
    public InsecurePolicy policy() {
        return policy;
    }

    /** The certificates close to expiry. */
    public ExpiryWatch expiry() {
        return expiry;
    }

    /** The servers repaired with fetched intermediates, and the fetcher all clients share. */
    public IntermediateRepairs repairs() {
        return repairs;
    }

    /** The TLS configurations the clients are built with, with their evidence and open connections. */
    public ClientTlsConfigurations tls() {
        return tls;
    }

    /** Explains the clients' TLS failures and keeps the latest. */
    public FailureExplainer explainer() {
        return explainer;
    }

    /** Tells about, or refuses, plain {@code http://} calls of clients with TLS settings. */
    public PlainHttpCalls plainHttp() {
        return plainHttp;
    }

    /** Checks the clients' files for new content. */
    public TrustReloader reloader() {
        return reloader;
    }
}

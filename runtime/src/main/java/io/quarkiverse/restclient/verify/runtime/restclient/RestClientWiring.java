package io.quarkiverse.restclient.verify.runtime.restclient;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.runtime.ClientTrust;
import io.quarkiverse.restclient.verify.runtime.InsecurePolicy;
import io.quarkiverse.restclient.verify.runtime.Problem;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.engine.ClientEngine;
import io.quarkiverse.restclient.verify.runtime.engine.ClientEngines;
import io.quarkus.rest.client.reactive.runtime.RestClientBuilderImpl;
import io.quarkus.tls.TlsConfiguration;

/**
 * Hands a REST client its trust as it is built: the explaining filter for every client, and for a managed client its
 * TLS configuration, its TLS engine and the guards that keep its verification on, after checking what its builder was
 * given in code.
 */
final class RestClientWiring {

    private static final Logger LOG = Logger.getLogger(RestClientWiring.class);

    private RestClientWiring() {
    }

    /**
     * @param running the running extension, null before start-up and after shut-down
     * @param engines the clients' TLS engines, null when they were not set up (every client then runs on the JDK's)
     */
    static void apply(VerifyRuntime running, ClientEngines engines, Class<?> serviceInterface,
            RestClientBuilder builder) {
        if (running == null) {
            // Said aloud: silently, the client would run on the REST client's own trust instead of its verify.
            LOG.warnf("REST client %s is built before this extension has set up the clients' trust (before the"
                    + " application started, or after it stopped), so its verify, cert and related settings do not"
                    + " apply to it. Fix: build the client once the application has started, e.g. on first use or in"
                    + " an observer of StartupEvent", serviceInterface.getName());
            return;
        }
        ClientTrust trust = running.clients().resolve(serviceInterface);
        // Every client gets its TLS failures explained, also one whose trust the extension leaves alone.
        builder.register(new ExplainingRequestFilter(trust, running, engines));
        if (trust.trust().isEmpty()) {
            return;
        }
        if (!(builder instanceof RestClientBuilderImpl)) {
            LOG.debugf("REST client '%s' is built by %s, which this extension cannot configure", trust.clientName(),
                    builder.getClass().getName());
            return;
        }
        RestClientBuilderImpl impl = (RestClientBuilderImpl) builder;
        ProgrammaticTlsSettings programmatic = ProgrammaticTlsSettings.of(impl);
        if (!trust.explicit() && (!programmatic.known() || programmatic.trustSetting().isPresent())) {
            // The builder's own trust is more specific than a global or environment default: leave it alone.
            return;
        }
        if (trust.explicit() && programmatic.trustSetting().isPresent()
                && !programmatic.trustSetting().get().startsWith("tlsConfiguration")) {
            throw new Problem(Problem.Kind.CONTRADICTION, trust.clientName(), trust.origin().description(),
                    "and the builder's " + programmatic.trustSetting().get() + " both set its trust, and they"
                            + " contradict each other",
                    "remove the call from the code, or remove " + trust.origin().description()).refusal();
        }
        if (running.policy() == InsecurePolicy.DENY) {
            trust.insecurity(programmatic.verifyHostOff()).ifPresent(setting -> {
                throw new Problem(Problem.Kind.DENIED, trust.clientName(), setting, "skips TLS verification, and"
                        + " quarkus.rest-client.verify-insecure=deny forbids that",
                        "trust the server's CA with "
                                + trust.verifyKey() + "=/path/to/ca.pem and keep hostname checks on")
                        .refusal();
            });
        }
        boolean verifyHost = trust.verifyHost() && !programmatic.verifyHostOff();
        // Decided before anything is set: an engine that cannot run fails the build of the client, naming the property.
        ClientEngine engine = engines == null ? ClientEngine.jdk(trust.clientName(), "quarkus.rest-client.ssl-engine")
                : engines.of(trust);
        TlsConfiguration configuration = running.tls().configure(trust, verifyHost);
        if (!trust.insecure()) {
            // Asked before the application's own resolvers of Vert.x options, which could switch verification off.
            TrustKeepingOptionsResolver keeping = new TrustKeepingOptionsResolver(trust, verifyHost, running.policy(),
                    impl.getConfiguration(), configuration.getTrustStoreOptions(), engine);
            impl.register(keeping, Integer.MIN_VALUE);
            // The builder's own customizers run after its TLS configuration; this one runs after them.
            impl.httpClientOptionsCustomizer(keeping.lastCustomizer());
        } else {
            // verify=false checks nothing, whichever engine runs it: the engine is still the one configured.
            impl.httpClientOptionsCustomizer(options -> options.setSslEngineOptions(engine.options(false)));
        }
        impl.tlsConfiguration(configuration);
    }
}

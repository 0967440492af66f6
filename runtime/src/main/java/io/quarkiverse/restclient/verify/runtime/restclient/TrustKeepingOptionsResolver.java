package io.quarkiverse.restclient.verify.runtime.restclient;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.ContextResolver;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.common.jaxrs.ConfigurationImpl;

import io.quarkiverse.restclient.verify.runtime.ClientTrust;
import io.quarkiverse.restclient.verify.runtime.InsecurePolicy;
import io.quarkiverse.restclient.verify.runtime.Problem;
import io.quarkiverse.restclient.verify.runtime.engine.ClientEngine;
import io.quarkiverse.restclient.verify.runtime.engine.SslEngine;
import io.quarkiverse.restclient.verify.trust.RecentlyUsed;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.SSLEngineOptions;
import io.vertx.core.net.TrustOptions;

/**
 * Keeps a managed client's verification on against the application's own {@code ContextResolver<HttpClientOptions>}
 * (registered with {@code @Provider}, {@code @RegisterProvider}, {@code register(...)} or the builder's
 * {@code httpClientOptions(...)}): the REST client builds its HTTP client from the options such a resolver returns and
 * only adds its TLS configuration on top, so a resolver's {@code trustAll=true} or {@code verifyHost=false} would
 * silently win over {@code verify}.
 * <p>
 * Registered first (lowest priority number), it asks the application's resolvers itself and hands the REST client a
 * copy of their options with verification on, logging a WARN that names the resolver class; under
 * {@code quarkus.rest-client.verify-insecure=deny} the client is not built at all. {@link #lastCustomizer()} applies the
 * same rule to the builder's {@code httpClientOptionsCustomizer(...)}, and puts the client on its own TLS engine
 * ({@code ssl-engine}): an engine set in code would build its SSL context without the client's OCSP staples, groups or
 * key log, or without its trust at all.
 */
final class TrustKeepingOptionsResolver implements ContextResolver<HttpClientOptions> {

    private static final Logger LOG = Logger.getLogger(TrustKeepingOptionsResolver.class);
    /** Clients and sources remembered as warned about: far above the clients and resolvers of an application. */
    static final int MAX_WARNED = 256;
    /** Warned once per client and resolver class: a client is built again for each builder call. */
    private static final Set<String> WARNED = RecentlyUsed.set(MAX_WARNED);

    /** How many clients and sources are remembered as warned about, for tests that bound them. */
    static int warnedCount() {
        return WARNED.size();
    }

    private final ClientTrust trust;
    private final boolean verifyHost;
    private final InsecurePolicy policy;
    private final Configuration configuration;
    private final TrustOptions trustOptions;
    private final ClientEngine engine;

    /** A resolver for a client on the JDK engine. */
    TrustKeepingOptionsResolver(ClientTrust trust, boolean verifyHost, InsecurePolicy policy,
            Configuration configuration, TrustOptions trustOptions) {
        this(trust, verifyHost, policy, configuration, trustOptions,
                ClientEngine.jdk(trust.clientName(), "quarkus.rest-client.ssl-engine"));
    }

    /**
     * @param trust the client
     * @param verifyHost whether the extension checks host names for this client
     * @param policy what the application allows of clients that skip verification
     * @param configuration the builder's configuration, where the application's resolvers are registered
     * @param trustOptions the trust options of the client's TLS configuration, which the REST client sets before the
     *        builder's customizers run
     * @param engine the client's TLS engine
     */
    TrustKeepingOptionsResolver(ClientTrust trust, boolean verifyHost, InsecurePolicy policy,
            Configuration configuration, TrustOptions trustOptions, ClientEngine engine) {
        this.trust = trust;
        this.verifyHost = verifyHost;
        this.policy = policy;
        this.configuration = configuration;
        this.trustOptions = trustOptions;
        this.engine = engine;
    }

    @Override
    public HttpClientOptions getContext(Class<?> type) {
        ContextResolver<?> resolver = null;
        HttpClientOptions options = null;
        for (ContextResolver<?> candidate : otherResolvers()) {
            Object answer = candidate.getContext(type);
            if (answer instanceof HttpClientOptions) {
                resolver = candidate;
                options = (HttpClientOptions) answer;
                break;
            }
        }
        if (options == null) {
            // No resolver of the application's: the REST client's defaults, with the extension's TLS configuration.
            return null;
        }
        // The REST client replaces a resolver's trust options with the TLS configuration's: not checked here.
        List<String> unsafe = unsafe(options, false);
        if (unsafe.isEmpty()) {
            return options;
        }
        // A copy: the resolver may hand the same options to clients the extension leaves alone.
        HttpClientOptions kept = new HttpClientOptions(options);
        keepVerifying(kept, unsafe, source(resolver), resolver.getClass().getName());
        return kept;
    }

    /**
     * The same rule for the builder's {@code httpClientOptionsCustomizer(...)}, which the REST client runs after it
     * applied its TLS configuration: registered last, this customizer sees what the others did, including trust options
     * that replace the client's own (and with them its {@code verify}, pins and revocation checks).
     */
    Consumer<HttpClientOptions> lastCustomizer() {
        return options -> {
            List<String> unsafe = unsafe(options, true);
            if (!unsafe.isEmpty()) {
                keepVerifying(options, unsafe, "a customizer given to its builder's httpClientOptionsCustomizer(...)",
                        "httpClientOptionsCustomizer");
            }
            onItsEngine(options);
        };
    }

    /**
     * Puts the client on its own engine, whatever engine options were set before: Vert.x's or the application's.
     * <p>
     * The JDK runs the trust check in a delegated task, and BoringSSL does as the client's engine sets it up; Netty runs
     * such a task on the event loop unless the engine asks for a worker: a look-up waiting for a slow responder would
     * hold every connection of that loop, of every client. On Vert.x's internal worker pool it holds only its own
     * handshake, for at most the look-up budget.
     */
    private void onItsEngine(HttpClientOptions options) {
        SSLEngineOptions set = options.getSslEngineOptions();
        if (set != null && !engine.owns(set) && kindOf(set) != engine.engine()
                && WARNED.add(trust.clientName() + " engine")) {
            // Vert.x's own engines keep the trust they are given; the client's engine is still decided by ssl-engine.
            String property = trust.keys().key("ssl-engine");
            LOG.warnf("REST client '%s': a customizer given to its builder's httpClientOptionsCustomizer(...) sets"
                    + " sslEngineOptions=%s; ignored, the client runs on %s, as %s says. Fix: choose the engine with %s"
                    + " (jdk or openssl), not in code", trust.clientName(), set.getClass().getName(),
                    engine.engine() == SslEngine.OPENSSL ? "BoringSSL" : "the JDK's TLS engine", engine.engineKey(),
                    property);
        }
        boolean onWorkers = trust.looksUpNetwork() || set != null && set.getUseWorkerThread();
        options.setSslEngineOptions(engine.options(onWorkers));
    }

    /** The engine Vert.x's own options stand for; null for any other class. */
    private static SslEngine kindOf(SSLEngineOptions options) {
        if (options instanceof OpenSSLEngineOptions) {
            return SslEngine.OPENSSL;
        }
        return options instanceof JdkSSLEngineOptions ? SslEngine.JDK : null;
    }

    /**
     * What in these options bypasses the extension's verification.
     *
     * @param trustSet whether the client's trust options are already set on them, so that others replaced them
     */
    private List<String> unsafe(HttpClientOptions options, boolean trustSet) {
        List<String> unsafe = new ArrayList<>();
        if (options.isTrustAll()) {
            unsafe.add("trustAll=true");
        }
        if (verifyHost && !options.isVerifyHost()) {
            unsafe.add("verifyHost=false");
        }
        if (trustSet && trustOptions != null && options.getTrustOptions() != trustOptions) {
            unsafe.add("trustOptions=" + (options.getTrustOptions() == null ? "null"
                    : options.getTrustOptions().getClass().getName()));
        }
        // Any other engine builds its SSL context itself and may ignore the trust it is handed.
        SSLEngineOptions set = options.getSslEngineOptions();
        if (set != null && set.getClass() != JdkSSLEngineOptions.class
                && set.getClass() != OpenSSLEngineOptions.class && !engine.owns(set)) {
            unsafe.add("sslEngineOptions=" + set.getClass().getName());
        }
        return unsafe;
    }

    /** Puts verification back on, with a WARN once per source; refuses under {@code verify-insecure=deny}. */
    private void keepVerifying(HttpClientOptions options, List<String> unsafe, String source, String sourceKey) {
        String settings = String.join(" and ", unsafe);
        if (policy == InsecurePolicy.DENY) {
            throw new Problem(Problem.Kind.DENIED, trust.clientName(), source, "sets " + settings
                    + ", which skips TLS verification, and quarkus.rest-client.verify-insecure=deny forbids that",
                    "do not set " + settings + " there; to trust the server, add its CA with " + trust.verifyKey()
                            + "=/path/to/ca.pem")
                    .refusal();
        }
        if (WARNED.add(trust.clientName() + " " + sourceKey)) {
            LOG.warnf("REST client '%s': %s sets %s; ignored, the client keeps verifying with %s [%s]. Fix: do not"
                    + " set %s there; to skip verification for this client on purpose, set %s=false",
                    trust.clientName(), source, settings,
                    trust.material().map(m -> m.description()).orElse("its trust"), trust.origin().description(), settings,
                    trust.verifyKey());
        }
        options.setTrustAll(false);
        if (verifyHost) {
            options.setVerifyHost(true);
        }
        if (unsafe.stream().anyMatch(setting -> setting.startsWith("trustOptions="))) {
            options.setTrustOptions(trustOptions);
        }
        if (unsafe.stream().anyMatch(setting -> setting.startsWith("sslEngineOptions="))) {
            // The client's own engine, which uses the trust manager it is given.
            options.setSslEngineOptions(engine.options(trust.looksUpNetwork()));
        }
    }

    /** Where the options come from, in the words of the code that set them. */
    private static String source(ContextResolver<?> resolver) {
        String name = resolver.getClass().getName();
        if (name.equals("io.quarkus.rest.client.reactive.runtime.context.HttpClientOptionsContextResolver")) {
            return "the HttpClientOptions given to its builder's httpClientOptions(...)";
        }
        return "the application's ContextResolver<HttpClientOptions> " + name;
    }

    /**
     * The application's resolvers of HTTP client options, in the order the REST client asks them. The configuration
     * offers no list of them, so it is read from its field; if that field moves, no resolver is seen and the canary
     * test fails.
     */
    private List<ContextResolver<?>> otherResolvers() {
        List<ContextResolver<?>> result = new ArrayList<>();
        if (!(configuration instanceof ConfigurationImpl)) {
            return result;
        }
        try {
            Field field = ConfigurationImpl.class.getDeclaredField("contextResolvers");
            field.setAccessible(true);
            Map<?, ?> all = (Map<?, ?>) field.get(configuration);
            @SuppressWarnings("unchecked")
            MultivaluedMap<Integer, ContextResolver<?>> resolvers = (MultivaluedMap<Integer, ContextResolver<?>>) all
                    .get(HttpClientOptions.class);
            if (resolvers != null) {
                for (Collection<ContextResolver<?>> byPriority : resolvers.values()) {
                    for (ContextResolver<?> resolver : byPriority) {
                        if (resolver != this) {
                            result.add(resolver);
                        }
                    }
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf(e, "Cannot read the HTTP client options resolvers of REST client '%s'", trust.clientName());
        }
        return result;
    }
}

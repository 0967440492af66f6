package io.quarkiverse.restclient.verify.runtime.restclient;

import java.lang.reflect.Field;
import java.util.Optional;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.client.impl.ClientBuilderImpl;

import io.quarkus.rest.client.reactive.runtime.RestClientBuilderImpl;

/**
 * TLS settings made on a REST client builder in code ({@code trustStore}, {@code keyStore}, {@code trustAll},
 * {@code verifyHost(false)}, a TLS configuration), read before the extension sets its own.
 * <p>
 * The REST client offers no getters for these, and once a TLS configuration is set it silently ignores them, so they
 * are read from the builder's fields. If the fields ever move, the result is "unknown" and the caller keeps its
 * hands off clients that did not ask for {@code verify} explicitly.
 */
final class ProgrammaticTlsSettings {

    private static final Logger LOG = Logger.getLogger(ProgrammaticTlsSettings.class);

    private final Optional<String> trustSetting;
    private final boolean verifyHostOff;
    private final boolean known;

    private ProgrammaticTlsSettings(Optional<String> trustSetting, boolean verifyHostOff, boolean known) {
        this.trustSetting = trustSetting;
        this.verifyHostOff = verifyHostOff;
        this.known = known;
    }

    static ProgrammaticTlsSettings of(RestClientBuilderImpl builder) {
        try {
            ClientBuilderImpl client = (ClientBuilderImpl) field(RestClientBuilderImpl.class, "clientBuilder")
                    .get(builder);
            Optional<String> trust = Optional.empty();
            if (field(ClientBuilderImpl.class, "trustStore").get(client) != null) {
                trust = Optional.of("trustStore(...)");
            } else if (field(ClientBuilderImpl.class, "keyStore").get(client) != null) {
                trust = Optional.of("keyStore(...)");
            } else if (Boolean.TRUE.equals(field(RestClientBuilderImpl.class, "trustAll").get(builder))) {
                trust = Optional.of("trustAll(true)");
            } else if (client.getTlsConfig() != null) {
                trust = Optional.of("tlsConfiguration(" + client.getTlsConfig().getName().orElse("") + ")");
            }
            boolean verifyHostOff = !field(ClientBuilderImpl.class, "verifyHost").getBoolean(client);
            return new ProgrammaticTlsSettings(trust, verifyHostOff, true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf(e, "Cannot read the REST client builder's TLS settings");
            return new ProgrammaticTlsSettings(Optional.empty(), false, false);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    /** The trust-related setting made in code, if any. */
    Optional<String> trustSetting() {
        return trustSetting;
    }

    /** Whether {@code verifyHost(false)} was set in code or by configuration before the client is built. */
    boolean verifyHostOff() {
        return verifyHostOff;
    }

    /** Whether the builder could be read at all. */
    boolean known() {
        return known;
    }
}

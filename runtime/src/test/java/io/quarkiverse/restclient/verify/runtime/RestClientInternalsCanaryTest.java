package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.jboss.resteasy.reactive.client.impl.ClientBuilderImpl;
import org.jboss.resteasy.reactive.client.impl.ClientRequestContextImpl;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;
import org.jboss.resteasy.reactive.common.jaxrs.ConfigurationImpl;
import org.junit.jupiter.api.Test;

import io.quarkus.rest.client.reactive.runtime.RestClientBuilderImpl;
import io.quarkus.tls.TlsConfiguration;

/**
 * The Quarkus REST client internals this extension relies on, each checked by name. When a Quarkus upgrade moves one,
 * this test fails and says which internal moved and what depends on it, instead of a client quietly losing its trust.
 */
class RestClientInternalsCanaryTest {

    @Test
    void everyInternalTheExtensionUsesIsStillThere() {
        List<String> moved = new ArrayList<>();
        method(moved, RestClientBuilderImpl.class, "tlsConfiguration", TlsConfiguration.class,
                "RestClientWiring.apply hands every managed client its trust through it");
        field(moved, RestClientBuilderImpl.class, "clientBuilder", "ProgrammaticTlsSettings reads the builder's TLS calls");
        field(moved, RestClientBuilderImpl.class, "trustAll", "ProgrammaticTlsSettings sees trustAll(true)");
        field(moved, ClientBuilderImpl.class, "trustStore", "ProgrammaticTlsSettings sees trustStore(...)");
        field(moved, ClientBuilderImpl.class, "keyStore", "ProgrammaticTlsSettings sees keyStore(...)");
        field(moved, ClientBuilderImpl.class, "verifyHost", "ProgrammaticTlsSettings sees verifyHost(false)");
        method(moved, ClientBuilderImpl.class, "getTlsConfig", null, "ProgrammaticTlsSettings names a builder's TLS"
                + " configuration");
        method(moved, ClientRequestContextImpl.class, "getRestClientRequestContext", null,
                "ExplainingRequestFilter reaches the request's abort chain through it");
        method(moved, RestClientRequestContext.class, "getAbortHandlerChain", null,
                "ExplainingRequestFilter puts the explaining handler first");
        // Inherited from a generic base class: looked up by name, since its erased parameter is not ClientRestHandler[].
        methodNamed(moved, RestClientRequestContext.class, "setAbortHandlerChain",
                "ExplainingRequestFilter puts the explaining handler first");
        method(moved, RestClientRequestContext.class, "getHttpClient", null,
                "OpenConnections watches the connections of the client's Vert.x HttpClient");
        field(moved, ConfigurationImpl.class, "contextResolvers",
                "TrustKeepingOptionsResolver asks the application's ContextResolver<HttpClientOptions> itself");
        if (!moved.isEmpty()) {
            fail("Quarkus REST client internals moved; fix the classes named:\n  " + String.join("\n  ", moved));
        }
        assertThat(moved).isEmpty();
    }

    private static void field(List<String> moved, Class<?> type, String name, String usedBy) {
        try {
            Field field = type.getDeclaredField(name);
            field.setAccessible(true);
        } catch (NoSuchFieldException | RuntimeException e) {
            moved.add(type.getName() + "." + name + " (field) is gone: " + usedBy);
        }
    }

    private static void methodNamed(List<String> moved, Class<?> type, String name, String usedBy) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 1) {
                return;
            }
        }
        moved.add(type.getName() + "." + name + "(...) is gone: " + usedBy);
    }

    private static void method(List<String> moved, Class<?> type, String name, Class<?> parameter, String usedBy) {
        try {
            Method method = parameter == null ? type.getMethod(name) : type.getMethod(name, parameter);
            assertThat(method).isNotNull();
        } catch (NoSuchMethodException e) {
            moved.add(type.getName() + "." + name + "(" + (parameter == null ? "" : parameter.getSimpleName())
                    + ") is gone: " + usedBy);
        }
    }
}

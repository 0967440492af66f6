package io.quarkiverse.restclient.verify.runtime.restclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jboss.resteasy.reactive.client.impl.ClientBuilderImpl;
import org.jboss.resteasy.reactive.client.impl.ClientImpl;
import org.jboss.resteasy.reactive.client.impl.ClientRequestContextImpl;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;
import org.jboss.resteasy.reactive.client.spi.ClientRestHandler;
import org.jboss.resteasy.reactive.common.jaxrs.ConfigurationImpl;
import org.junit.jupiter.api.Test;

import io.quarkus.rest.client.reactive.runtime.RestClientBuilderImpl;
import io.quarkus.tls.TlsConfiguration;

/**
 * The Quarkus REST client internals this extension relies on, each checked by name; only this package uses them. When
 * a Quarkus upgrade moves one, this test fails and says which internal moved and which class of this package depends
 * on it, instead of a client quietly losing its trust.
 */
class RestClientInternalsCanaryTest {

    @Test
    void everyInternalTheExtensionUsesIsStillThere() {
        List<String> moved = new ArrayList<>();
        // RestClientWiring: the builder it configures.
        method(moved, RestClientBuilderImpl.class, "tlsConfiguration", TlsConfiguration.class,
                "RestClientWiring hands every managed client its trust through it");
        method(moved, RestClientBuilderImpl.class, "httpClientOptionsCustomizer", Consumer.class,
                "RestClientWiring runs TrustKeepingOptionsResolver.lastCustomizer after the builder's own customizers");
        method(moved, RestClientBuilderImpl.class, "getConfiguration", null,
                "RestClientWiring hands TrustKeepingOptionsResolver the configuration its resolvers are registered in");
        method(moved, RestClientBuilderImpl.class, "register", Object.class, int.class,
                "RestClientWiring registers TrustKeepingOptionsResolver first (Integer.MIN_VALUE)");
        // ProgrammaticTlsSettings: the builder's fields, read by reflection.
        field(moved, RestClientBuilderImpl.class, "clientBuilder", "ProgrammaticTlsSettings reads the builder's TLS calls");
        fieldOfType(moved, RestClientBuilderImpl.class, "clientBuilder", ClientBuilderImpl.class,
                "ProgrammaticTlsSettings casts it to ClientBuilderImpl");
        field(moved, RestClientBuilderImpl.class, "trustAll", "ProgrammaticTlsSettings sees trustAll(true)");
        field(moved, ClientBuilderImpl.class, "trustStore", "ProgrammaticTlsSettings sees trustStore(...)");
        field(moved, ClientBuilderImpl.class, "keyStore", "ProgrammaticTlsSettings sees keyStore(...)");
        field(moved, ClientBuilderImpl.class, "verifyHost", "ProgrammaticTlsSettings sees verifyHost(false)");
        fieldOfType(moved, ClientBuilderImpl.class, "verifyHost", boolean.class,
                "ProgrammaticTlsSettings reads it with getBoolean");
        method(moved, ClientBuilderImpl.class, "getTlsConfig", null, "ProgrammaticTlsSettings names a builder's TLS"
                + " configuration");
        // ExplainingRequestFilter: the request's context and its abort chain.
        method(moved, ClientRequestContextImpl.class, "getRestClientRequestContext", null,
                "ExplainingRequestFilter reaches the request's abort chain through it");
        method(moved, RestClientRequestContext.class, "getAbortHandlerChain", null,
                "ExplainingRequestFilter puts the explaining handler first");
        // Inherited from a generic base class: looked up by name, since its erased parameter is not ClientRestHandler[].
        methodNamed(moved, RestClientRequestContext.class, "setAbortHandlerChain",
                "ExplainingRequestFilter puts the explaining handler first");
        method(moved, RestClientRequestContext.class, "getRestClient", null,
                "ExplainingRequestFilter finds the TLS configuration name of the client making the request");
        method(moved, ClientImpl.class, "getTlsConfigName", null,
                "ExplainingRequestFilter hands OpenConnections the connections of the client's TLS configuration");
        method(moved, RestClientRequestContext.class, "getHttpClient", null,
                "ExplainingRequestFilter has OpenConnections watch the connections of the client's Vert.x HttpClient");
        method(moved, RestClientRequestContext.class, "getThrowable", null,
                "ExplainingRequestFilter's abort handler explains the failure of the call");
        method(moved, RestClientRequestContext.class, "getUri", null,
                "ExplainingRequestFilter's abort handler explains a failure for the server the request called");
        method(moved, RestClientRequestContext.class, "getResult", null,
                "ExplainingRequestFilter's abort handler completes the call with the explanation");
        method(moved, RestClientRequestContext.class, "getInvokedMethod", null,
                "ExplainingRequestFilter's abort handler wraps the explanation where the caller unwraps it");
        // Declared by a generic base interface: looked up by name, since its erased parameter is Object.
        methodNamed(moved, ClientRestHandler.class, "handle", "ExplainingRequestFilter's abort handler implements it");
        // TrustKeepingOptionsResolver: the configuration's context resolvers, read by reflection.
        field(moved, ConfigurationImpl.class, "contextResolvers",
                "TrustKeepingOptionsResolver asks the application's ContextResolver<HttpClientOptions> itself");
        fieldOfType(moved, ConfigurationImpl.class, "contextResolvers", Map.class,
                "TrustKeepingOptionsResolver reads it as a map by type of MultivaluedMap<Integer, ContextResolver>");
        className(moved, "io.quarkus.rest.client.reactive.runtime.context.HttpClientOptionsContextResolver",
                "TrustKeepingOptionsResolver names the builder's httpClientOptions(...) by this class name");
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

    private static void fieldOfType(List<String> moved, Class<?> type, String name, Class<?> expected, String usedBy) {
        try {
            Class<?> actual = type.getDeclaredField(name).getType();
            if (!expected.isAssignableFrom(actual)) {
                moved.add(type.getName() + "." + name + " (field) is now a " + actual.getName() + ", not a "
                        + expected.getName() + ": " + usedBy);
            }
        } catch (NoSuchFieldException | RuntimeException e) {
            // Reported by field(...).
        }
    }

    private static void className(List<String> moved, String name, String usedBy) {
        try {
            Class.forName(name, false, RestClientInternalsCanaryTest.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            moved.add(name + " (class) is gone: " + usedBy);
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
        methodWith(moved, type, name, parameter == null ? new Class<?>[0] : new Class<?>[] { parameter }, usedBy);
    }

    private static void method(List<String> moved, Class<?> type, String name, Class<?> first, Class<?> second,
            String usedBy) {
        methodWith(moved, type, name, new Class<?>[] { first, second }, usedBy);
    }

    private static void methodWith(List<String> moved, Class<?> type, String name, Class<?>[] parameters,
            String usedBy) {
        try {
            Method method = type.getMethod(name, parameters);
            assertThat(method).isNotNull();
        } catch (NoSuchMethodException e) {
            moved.add(type.getName() + "." + name + "(" + Arrays.stream(parameters).map(Class::getSimpleName)
                    .collect(Collectors.joining(", ")) + ") is gone: " + usedBy);
        }
    }
}

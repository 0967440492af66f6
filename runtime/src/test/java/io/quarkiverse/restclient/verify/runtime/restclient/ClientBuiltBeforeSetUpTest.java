package io.quarkiverse.restclient.verify.runtime.restclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.junit.jupiter.api.Test;

/**
 * A REST client built while the extension has not set the clients' trust up (before start-up, or after shut-down) is
 * not managed; it must say so in a WARN that names the interface, instead of running on the REST client's own trust
 * silently.
 */
class ClientBuiltBeforeSetUpTest {

    @Test
    void aClientBuiltBeforeSetUpIsWarnedAbout() {
        // No recorder runs in this JVM: the listener was never handed a running extension.
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(RestClientWiring.class.getName());
        logger.addHandler(handler);
        try {
            // Nothing of the builder is used before set-up: any builder does.
            RestClientBuilder builder = (RestClientBuilder) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] { RestClientBuilder.class }, (proxy, method, arguments) -> {
                        throw new AssertionError("the builder was used: " + method.getName());
                    });
            new VerifyRestClientListener().onNewClient(Early.class, builder);
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage() == null ? ""
                    : String.valueOf(record.getMessage())
                            + " " + java.util.Arrays.toString(record.getParameters()))
                    .contains(Early.class.getName()).contains("built before this extension has set up");
        });
    }

    /** A client interface nobody configured. */
    @Path("/")
    public interface Early {
        @GET
        String hello();
    }
}

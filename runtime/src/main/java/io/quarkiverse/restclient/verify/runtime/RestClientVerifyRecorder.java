package io.quarkiverse.restclient.verify.runtime;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.trust.TrustMaterial;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.smallrye.config.SmallRyeConfig;

/** Resolves and loads the trust of every REST client at start-up, so bad input fails the start, not a request. */
@Recorder
public class RestClientVerifyRecorder {

    private static final Logger LOG = Logger.getLogger("io.quarkiverse.restclient.verify");

    /**
     * Resolves each client's trust, logs one line per client, and makes the trust available to client builders.
     *
     * @param clients the REST client interfaces found at build time, by fully qualified name, with their config key
     *        (empty when the annotation has none)
     */
    public void configureClients(Map<String, String> clients, ShutdownContext shutdown) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        Map<String, TrustMaterial> loaded = new ConcurrentHashMap<>();
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        VerifiedClients verified = new VerifiedClients(
                new ClientTrustResolver(config, System::getenv, loaded, classLoader));
        for (Map.Entry<String, String> client : new java.util.TreeMap<>(clients).entrySet()) {
            Optional<String> configKey = Optional.of(client.getValue()).filter(key -> !key.isBlank());
            ClientTrust trust = verified.resolve(client.getKey(), configKey);
            report(trust);
        }
        VerifiedClients.install(verified);
        shutdown.addShutdownTask(VerifiedClients::uninstall);
    }

    private static void report(ClientTrust trust) {
        LOG.info(trust.summary());
        trust.material().ifPresent(material -> {
            for (String note : material.notes()) {
                LOG.infof("REST client '%s' [%s]: %s", trust.clientName(), trust.origin(), note);
            }
            for (String warning : material.warnings()) {
                LOG.warnf("REST client '%s' [%s]: %s", trust.clientName(), trust.origin(), warning);
            }
            trust.certificate().ifPresent(certificate -> certificate.warnings().forEach(warning -> LOG.warnf(
                    "REST client '%s' [%s]: %s", trust.clientName(), trust.verifyKey().replace(".verify", ".cert"),
                    warning)));
            if (material.insecure()) {
                LOG.warnf("REST client '%s' does NOT verify TLS certificates or hostnames (%s=false). Anyone on the"
                        + " network path can impersonate the server, read and change every request and response,"
                        + " including credentials. Fix: trust the server's CA instead, e.g. %s=/path/to/ca.pem",
                        trust.clientName(), trust.origin(), trust.verifyKey());
            }
        });
    }
}

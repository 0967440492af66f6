package io.quarkiverse.restclient.verify.runtime.engine;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.restclient.verify.runtime.ClientTrust;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.config.SmallRyeConfig;

/** Decides the TLS engine of every REST client at start-up, so that an engine that cannot run fails the start. */
@Recorder
public class EngineRecorder {

    /**
     * @param running the running extension, whose clients' trust is resolved
     * @param shutdown where the key logs are closed
     * @return the clients' engines, for the REST client listener and the {@code ClientEngines} bean
     */
    public RuntimeValue<ClientEngines> configureEngines(RuntimeValue<VerifyRuntime> running, ShutdownContext shutdown) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        ClientEngines engines = new ClientEngines(config, LaunchMode.current().isDevOrTest(),
                BoringSslAvailability.ofThisProcess());
        shutdown.addShutdownTask(engines::close);
        for (ClientTrust trust : running.getValue().clients().all()) {
            try {
                engines.of(trust);
            } catch (ConfigurationException e) {
                // The message alone, as the start-up failures of trust are shown (see RestClientVerifyRecorder).
                ConfigurationException alone = new ConfigurationException(e.getMessage(), e.getConfigKeys());
                alone.setStackTrace(e.getStackTrace());
                throw alone;
            }
        }
        return new RuntimeValue<>(engines);
    }
}

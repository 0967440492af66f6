package io.quarkiverse.restclient.verify.runtime.restclient;

import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.engine.ClientEngines;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.ShutdownContext;
import io.quarkus.runtime.annotations.Recorder;

/** Hands the REST client listener, which is no bean, the running extension once the clients' trust is set up. */
@Recorder
public class RestClientListenerRecorder {

    /**
     * @param running the running extension, set up by {@code RestClientVerifyRecorder}
     * @param shutdown where the listener is told to forget it
     */
    public void start(RuntimeValue<VerifyRuntime> running, ShutdownContext shutdown) {
        VerifyRuntime value = running.getValue();
        VerifyRestClientListener.start(value);
        shutdown.addShutdownTask(() -> VerifyRestClientListener.stop(value));
    }

    /**
     * @param engines the clients' TLS engines, decided at start-up by {@code EngineRecorder}
     * @param shutdown where the listener is told to forget them
     */
    public void engines(RuntimeValue<ClientEngines> engines, ShutdownContext shutdown) {
        ClientEngines value = engines.getValue();
        VerifyRestClientListener.engines(value);
        shutdown.addShutdownTask(() -> VerifyRestClientListener.stopEngines(value));
    }
}

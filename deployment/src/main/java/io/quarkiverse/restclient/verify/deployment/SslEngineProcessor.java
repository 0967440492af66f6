package io.quarkiverse.restclient.verify.deployment;

import jakarta.inject.Singleton;

import io.quarkiverse.restclient.verify.runtime.engine.ClientEngines;
import io.quarkiverse.restclient.verify.runtime.engine.EngineRecorder;
import io.quarkiverse.restclient.verify.runtime.restclient.RestClientListenerRecorder;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.runtime.RuntimeValue;

/**
 * The TLS engine of each REST client ({@code ssl-engine}): decided and checked at start-up, once the clients' trust is
 * resolved, handed to the REST client listener, and a bean for Dev UI's Inspect.
 */
class SslEngineProcessor {

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void configureEngines(EngineRecorder engines, RestClientListenerRecorder listener, VerifyRuntimeBuildItem runtime,
            ShutdownContextBuildItem shutdown, BuildProducer<SyntheticBeanBuildItem> beans) {
        RuntimeValue<ClientEngines> decided = engines.configureEngines(runtime.runtime(), shutdown);
        listener.engines(decided, shutdown);
        beans.produce(SyntheticBeanBuildItem.configure(ClientEngines.class)
                .scope(Singleton.class)
                .unremovable()
                .setRuntimeInit()
                .runtimeValue(decided)
                .done());
    }
}

package io.quarkiverse.restclient.verify.deployment;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.rest.client.spi.RestClientListener;
import org.jboss.resteasy.reactive.client.impl.ClientBuilderImpl;

import io.quarkiverse.restclient.verify.runtime.RestClientVerifyRecorder;
import io.quarkiverse.restclient.verify.runtime.VerifyRestClientListener;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.quarkus.rest.client.reactive.deployment.RegisteredRestClientBuildItem;
import io.quarkus.rest.client.reactive.runtime.RestClientBuilderImpl;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.smallrye.health.deployment.spi.HealthBuildItem;

class RestClientVerifyProcessor {

    private static final String FEATURE = "rest-client-verify";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    ServiceProviderBuildItem restClientListener() {
        // The REST client finds its listeners with ServiceLoader; native images need them registered.
        return new ServiceProviderBuildItem(RestClientListener.class.getName(), VerifyRestClientListener.class.getName());
    }

    @BuildStep
    ReflectiveClassBuildItem builderFields() {
        // ProgrammaticTlsSettings reads the builders' TLS fields, which have no getters.
        return ReflectiveClassBuildItem.builder(RestClientBuilderImpl.class, ClientBuilderImpl.class).fields().build();
    }

    @BuildStep
    HealthBuildItem healthCheck() {
        // Used only when the application has quarkus-smallrye-health; named as a string because the class
        // implements the MicroProfile Health API, which may be missing.
        return new HealthBuildItem("io.quarkiverse.restclient.verify.runtime.RestClientVerifyHealthCheck", true);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void configureClients(RestClientVerifyRecorder recorder, List<RegisteredRestClientBuildItem> clients,
            BuildTimeBundlesBuildItem bundles, LaunchModeBuildItem launchMode, ShutdownContextBuildItem shutdown) {
        Map<String, String> configKeys = new TreeMap<>();
        for (RegisteredRestClientBuildItem client : clients) {
            configKeys.put(client.getClassInfo().name().toString(), client.getConfigKey().orElse(""));
        }
        recorder.configureClients(configKeys, bundles.classpathBundles(),
                launchMode.getLaunchMode() == LaunchMode.DEVELOPMENT, shutdown);
    }
}

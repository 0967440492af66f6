package io.quarkiverse.restclient.verify.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.rest.client.spi.RestClientListener;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.resteasy.reactive.client.impl.ClientBuilderImpl;
import org.jboss.resteasy.reactive.common.jaxrs.ConfigurationImpl;

import io.quarkiverse.restclient.verify.runtime.RestClientVerifyBuildTimeConfig;
import io.quarkiverse.restclient.verify.runtime.RestClientVerifyRecorder;
import io.quarkiverse.restclient.verify.runtime.VerifyRuntime;
import io.quarkiverse.restclient.verify.runtime.metrics.RestClientVerifyMetrics;
import io.quarkiverse.restclient.verify.runtime.restclient.RestClientListenerRecorder;
import io.quarkiverse.restclient.verify.runtime.restclient.VerifyRestClientListener;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
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
        // ProgrammaticTlsSettings reads the builders' TLS fields, which have no getters, and TrustKeepingOptionsResolver
        // the client configuration's context resolvers.
        return ReflectiveClassBuildItem
                .builder(RestClientBuilderImpl.class, ClientBuilderImpl.class, ConfigurationImpl.class).fields().build();
    }

    @BuildStep
    HealthBuildItem healthCheck(RestClientVerifyBuildTimeConfig config) {
        // Used only when the application has quarkus-smallrye-health; named as a string because the class
        // implements the MicroProfile Health API, which may be missing. Disabled, the check is no bean at all.
        return new HealthBuildItem("io.quarkiverse.restclient.verify.runtime.health.RestClientVerifyHealthCheck",
                config.verifyHealth().enabled());
    }

    @BuildStep
    void metrics(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans) {
        // Only with quarkus-micrometer: the bean refers to Micrometer's API, which is an optional dependency.
        if (capabilities.isPresent(Capability.METRICS)
                && QuarkusClassLoader.isClassPresentAtRuntime("io.micrometer.core.instrument.MeterRegistry")) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(RestClientVerifyMetrics.class));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    VerifyRuntimeBuildItem configureClients(RestClientVerifyRecorder recorder,
            List<RegisteredRestClientBuildItem> clients, BuildTimeBundlesBuildItem bundles, LaunchModeBuildItem launchMode,
            ShutdownContextBuildItem shutdown) {
        Map<String, String> configKeys = new TreeMap<>();
        for (RegisteredRestClientBuildItem client : clients) {
            configKeys.put(client.getClassInfo().name().toString(), client.getConfigKey().orElse(""));
        }
        return new VerifyRuntimeBuildItem(recorder.configureClients(configKeys, bundles.classpathBundles(),
                launchMode.getLaunchMode() == LaunchMode.DEVELOPMENT, shutdown));
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void startListener(RestClientListenerRecorder recorder, VerifyRuntimeBuildItem runtime,
            ShutdownContextBuildItem shutdown) {
        // The REST client's listener is no bean: it is handed the running extension as soon as there is one.
        recorder.start(runtime.runtime(), shutdown);
    }

    @BuildStep
    SyntheticBeanBuildItem runtimeBean(VerifyRuntimeBuildItem runtime) {
        // One running extension per application, created at run-time init: health, metrics and the Dev UI inject it.
        return SyntheticBeanBuildItem.configure(VerifyRuntime.class)
                .scope(Singleton.class)
                .unremovable()
                .setRuntimeInit()
                .runtimeValue(runtime.runtime())
                .done();
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void warnUnknownClientNames(RestClientVerifyRecorder recorder, List<RegisteredRestClientBuildItem> clients,
            CombinedIndexBuildItem index) {
        Map<String, String> configKeys = new TreeMap<>();
        for (RegisteredRestClientBuildItem client : clients) {
            configKeys.put(client.getClassInfo().name().toString(), client.getConfigKey().orElse(""));
        }
        // Interfaces that code may hand to a RestClientBuilder: their names are client names too.
        Set<String> others = new TreeSet<>();
        for (AnnotationInstance path : index.getIndex().getAnnotations(DotName.createSimple("jakarta.ws.rs.Path"))) {
            ClassInfo owner = switch (path.target().kind()) {
                case CLASS -> path.target().asClass();
                case METHOD -> path.target().asMethod().declaringClass();
                default -> null;
            };
            if (owner != null && owner.isInterface() && !configKeys.containsKey(owner.name().toString())) {
                others.add(owner.name().toString());
            }
        }
        recorder.warnUnknownClientNames(configKeys, new ArrayList<>(others));
    }
}

package io.quarkiverse.restclient.verify.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.runtime.RestClientVerifyRecorder;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.files.TrustFiles;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.HotDeploymentWatchedFileBuildItem;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * Checks every {@code verify} value the build can see: a bad {@code classpath:} bundle, or a bad file that exists at
 * build time, fails the build with the property's name instead of failing the first start. {@code classpath:}
 * bundles are recorded as DER certificates, so a start does not parse their PEM again.
 */
class BuildTimeTrustProcessor {

    @BuildStep
    BuildTimeBundlesBuildItem checkBundles() {
        Config config = ConfigProvider.getConfig();
        // The files checked here are bounded like at run time: a wrong path must not exhaust the build's heap.
        // Named in full even when unset, so that build-time messages name the property like run-time ones.
        TrustFiles.maxSize(config.getOptionalValue(RestClientVerifyRecorder.MAX_FILE_SIZE, MemorySize.class)
                .map(MemorySize::asLongValue).filter(bytes -> bytes > 0).orElse(TrustFiles.maxSize()),
                RestClientVerifyRecorder.MAX_FILE_SIZE);
        Map<String, String> verifyValues = verifyValues(config);
        Map<String, List<byte[]>> classpathBundles = new TreeMap<>();
        ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        verifyValues.forEach((value, property) -> {
            TrustSpec spec;
            try {
                spec = TrustSpec.parse(value);
            } catch (TrustMaterialException e) {
                throw invalid(property, value, e);
            }
            for (TrustSpec.TrustSource source : spec.sources()) {
                if (source.kind() == TrustSpec.TrustSource.Kind.CLASSPATH) {
                    String resource = source.location();
                    if (!classpathBundles.containsKey(resource)) {
                        classpathBundles.put(resource, der(property, value, resource, classLoader));
                    }
                } else if (source.kind() == TrustSpec.TrustSource.Kind.PATH
                        && Files.isReadable(Path.of(source.location()))) {
                    // A path that exists (or is readable) only where the application runs, such as a mounted secret,
                    // is checked at start-up.
                    try {
                        TrustMaterial.load(TrustSpec.path(source.location()), classLoader);
                    } catch (TrustMaterialException e) {
                        throw invalid(property, value, e);
                    }
                }
            }
        });
        return new BuildTimeBundlesBuildItem(classpathBundles);
    }

    @BuildStep
    List<HotDeploymentWatchedFileBuildItem> watchBundles(BuildTimeBundlesBuildItem bundles) {
        // In dev mode an edited classpath bundle restarts the application, which records it again.
        return bundles.classpathBundles().keySet().stream()
                .map(resource -> new HotDeploymentWatchedFileBuildItem(resource, true))
                .toList();
    }

    /** Each distinct {@code verify} value with the property that sets it, preferring the name the user wrote. */
    private static Map<String, String> verifyValues(Config config) {
        Map<String, String> result = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        config.getPropertyNames().forEach(names::add);
        // Unquoted names (config keys, simple names) first: the REST client adds quoted aliases of its own.
        names.sort((a, b) -> Boolean.compare(a.contains("\""), b.contains("\"")));
        for (String name : names) {
            if (!name.startsWith(ClientKeys.PREFIX) || !name.endsWith(".verify")) {
                continue;
            }
            String value;
            try {
                value = config.getConfigValue(name).getValue();
            } catch (RuntimeException e) {
                // An expression that only resolves at run time.
                continue;
            }
            if (value != null && !value.isBlank()) {
                result.putIfAbsent(value.trim(), name);
            }
        }
        return result;
    }

    private static List<byte[]> der(String property, String value, String resource, ClassLoader classLoader) {
        try {
            List<X509Certificate> certificates = TrustMaterial.classpathBundle(resource, classLoader);
            List<byte[]> encoded = new ArrayList<>(certificates.size());
            for (X509Certificate certificate : certificates) {
                encoded.add(certificate.getEncoded());
            }
            return encoded;
        } catch (CertificateEncodingException e) {
            throw invalid(property, value, new TrustMaterialException("classpath:" + resource + " cannot be recorded: "
                    + e.getMessage(), e));
        } catch (TrustMaterialException e) {
            throw invalid(property, value, e);
        }
    }

    private static ConfigurationException invalid(String property, String value, TrustMaterialException e) {
        return new ConfigurationException(client(property) + property + "=" + value
                + " is not usable (checked at build time): " + e.getMessage(), e, Set.of(property));
    }

    /** {@code REST client 'github': } for a client's own property; nothing for the global one. */
    private static String client(String property) {
        return ClientKeys.parse(property).map(named -> "REST client '" + named.client().mapKey() + "': ").orElse("");
    }
}

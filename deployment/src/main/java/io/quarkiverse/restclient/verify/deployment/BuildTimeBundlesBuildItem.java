package io.quarkiverse.restclient.verify.deployment;

import java.util.List;
import java.util.Map;

import io.quarkus.builder.item.SimpleBuildItem;

/** The {@code classpath:} trust bundles read and checked during the build, as DER certificates by resource name. */
public final class BuildTimeBundlesBuildItem extends SimpleBuildItem {

    private final Map<String, List<byte[]>> classpathBundles;

    public BuildTimeBundlesBuildItem(Map<String, List<byte[]>> classpathBundles) {
        this.classpathBundles = classpathBundles;
    }

    /** DER certificates by resource name, in bundle order. */
    public Map<String, List<byte[]>> classpathBundles() {
        return classpathBundles;
    }
}

package io.quarkiverse.restclient.verify.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;

/**
 * A real-size bundle served as the resource {@code certs/bundle-0.pem} by its own class loader, with the DER
 * certificates the build records for {@code verify=classpath:certs/bundle-0.pem}; and its uncached copies as
 * {@code certs/bundle-1.pem} and on (see {@link RealSizeBundle#uncachedCopies()}).
 */
final class ClasspathBundleFixture implements AutoCloseable {

    final RealSizeBundle bundle;
    final URLClassLoader loader;
    /** {@code classpath:certs/bundle-0.pem}, the bundle itself. */
    final TrustSpec spec;
    /** The uncached copies, {@code classpath:certs/bundle-1.pem} and on. */
    final List<TrustSpec> copies;
    final Map<String, List<byte[]>> prebuilt;
    private final Path resources;

    ClasspathBundleFixture(boolean withCopies) {
        try {
            bundle = RealSizeBundle.load();
            List<RealSizeBundle> bundles = new ArrayList<>();
            bundles.add(bundle);
            if (withCopies) {
                bundles.addAll(bundle.uncachedCopies());
            }
            resources = Files.createTempDirectory("classpath-bundle");
            Files.createDirectories(resources.resolve("certs"));
            List<TrustSpec> specs = new ArrayList<>();
            Map<String, List<byte[]>> der = new HashMap<>();
            for (int i = 0; i < bundles.size(); i++) {
                String resource = "certs/bundle-" + i + ".pem";
                Files.write(resources.resolve(resource), bundles.get(i).pem());
                specs.add(TrustSpec.parse("classpath:" + resource));
                der.put(resource, bundles.get(i).der());
            }
            loader = new URLClassLoader(new URL[] { resources.toUri().toURL() }, null);
            spec = specs.get(0);
            copies = List.copyOf(specs.subList(1, specs.size()));
            prebuilt = Map.copyOf(der);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        loader.close();
        try (Stream<Path> files = Files.walk(resources)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}

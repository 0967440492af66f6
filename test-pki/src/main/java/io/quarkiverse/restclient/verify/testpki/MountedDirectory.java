package io.quarkiverse.restclient.verify.testpki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A directory laid out the way the kubelet mounts a Secret or ConfigMap: each file is a link {@code name ->
 * ..data/name}, {@code ..data} is a link to a timestamped directory, and an update writes a new timestamped
 * directory and renames a new link over {@code ..data}. The configured path never changes; only its target does.
 */
public final class MountedDirectory {

    private final Path root;
    private final AtomicInteger version = new AtomicInteger();

    private MountedDirectory(Path root) {
        this.root = root;
    }

    /**
     * Creates the mount at this (new or empty) directory with these files (name to content). When the directory is
     * already a mount (a second class loader of the same test), it is opened as it is.
     */
    public static MountedDirectory create(Path root, Map<String, String> files) {
        try {
            Files.createDirectories(root);
            MountedDirectory mount = new MountedDirectory(root);
            if (Files.exists(root.resolve("..data"), LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> entries = Files.list(root)) {
                    mount.version.set((int) entries.filter(p -> p.getFileName().toString().startsWith("..2")).count());
                }
                return mount;
            }
            mount.update(files);
            for (String name : files.keySet()) {
                Files.createSymbolicLink(root.resolve(name), Path.of("..data", name));
            }
            return mount;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The path an application is configured with, e.g. {@code /certs/ca.pem}. */
    public Path file(String name) {
        return root.resolve(name);
    }

    /** Replaces every file at once, as the kubelet does: one atomic rename of {@code ..data}. */
    public void update(Map<String, String> files) {
        try {
            String versionName = "..2026_11_29_00_00_00." + version.incrementAndGet();
            Path next = Files.createDirectory(root.resolve(versionName));
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.writeString(next.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
            Path link = root.resolve("..data_tmp");
            Files.deleteIfExists(link);
            Files.createSymbolicLink(link, Path.of(versionName));
            Files.move(link, root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

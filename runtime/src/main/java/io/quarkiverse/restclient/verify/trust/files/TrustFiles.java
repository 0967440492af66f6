package io.quarkiverse.restclient.verify.trust.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * Reads trust files (CA bundles, client certificates and keys) safely: only regular files, links followed, and at
 * most {@link #maxSize()} bytes. A named pipe given as a bundle would block the reading thread forever, and
 * {@code /dev/zero} or a huge file would exhaust the heap; both are refused before a byte is read.
 */
public final class TrustFiles {

    /**
     * How messages name the size setting until the application hands in its full name with
     * {@link #maxSize(long, String)}.
     */
    public static final String DEFAULT_SIZE_PROPERTY = "verify-max-file-size";
    /** The default bound: about 70 times Mozilla's whole CA bundle with {@code openssl x509 -text} around each CA. */
    public static final long DEFAULT_MAX_SIZE = 16L * 1024 * 1024;

    private static final int S_IFMT = 0170000;

    private static volatile long maxSize = DEFAULT_MAX_SIZE;
    private static volatile String sizeProperty = DEFAULT_SIZE_PROPERTY;

    private TrustFiles() {
    }

    /** The largest file that is read, in bytes. */
    public static long maxSize() {
        return maxSize;
    }

    /**
     * Sets the largest file that is read, for every reader of this package (set once at start-up from the
     * application's setting).
     *
     * @param property the setting as the user writes it, for messages, e.g. the global {@code verify-max-file-size} key
     */
    public static void maxSize(long bytes, String property) {
        if (bytes <= 0) {
            throw new IllegalArgumentException(property + " must be positive, got " + bytes);
        }
        maxSize = bytes;
        sizeProperty = property;
    }

    /** The setting that bounds the size of every file read, as messages name it. */
    public static String sizeProperty() {
        return sizeProperty;
    }

    /**
     * The content of a regular file (links followed) of at most {@link #maxSize()} bytes.
     *
     * @throws TrustMaterialException with a message that starts with what is wrong ("is a named pipe ...", "cannot be
     *         read: ...", "is 200 MB ..."), without the path: callers put their own name in front
     */
    public static byte[] read(Path file) {
        return read(file, regularFile(file));
    }

    /**
     * The content of a file already known to be regular by these attributes (links followed), bounded like
     * {@link #read(Path)}: for a per-handshake lookup that has just read the attributes.
     */
    public static byte[] read(Path file, BasicFileAttributes attributes) {
        long limit = maxSize;
        String property = sizeProperty;
        if (attributes.size() > limit) {
            throw tooLarge("is " + size(attributes.size()), limit, property);
        }
        try (InputStream in = Files.newInputStream(file)) {
            // Bounded even when the size lied (a file growing while read, /proc): one byte more tells "too large".
            byte[] content = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 16));
            if (content.length > limit) {
                throw tooLarge("grew past the limit while it was read", limit, property);
            }
            return content;
        } catch (IOException e) {
            throw new TrustMaterialException("cannot be read: " + CertificateFileReader.describe(e), e);
        }
    }

    /**
     * The attributes of the file, links followed, when it is a regular file.
     *
     * @throws TrustMaterialException saying what the path is instead, or why it cannot be read
     */
    public static BasicFileAttributes regularFile(Path file) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new TrustMaterialException("cannot be read: " + CertificateFileReader.describe(e), e);
        }
        if (!attributes.isRegularFile()) {
            throw new TrustMaterialException("is " + kind(file, attributes) + ", not a regular file; only regular"
                    + " files (or links to them) are read, so that a pipe or a device cannot block or flood the"
                    + " application. Fix: point the property at the PEM, DER or PKCS#12 file itself");
        }
        return attributes;
    }

    /**
     * The attributes of what the path leads to, links followed; nothing is read. For look-ups that must tell a missing
     * entry ({@link java.nio.file.NoSuchFileException}) from an unreadable one.
     */
    public static BasicFileAttributes attributes(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class);
    }

    /** The entries of a directory, sorted so that loading order, and therefore messages, do not depend on the disk. */
    public static List<Path> entries(Path directory) throws IOException {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                entries.add(entry);
            }
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        entries.sort(null);
        return entries;
    }

    /**
     * Whether an entry of the directory matches, stopping at the first: start-up must not grow with a directory of
     * hundreds of files.
     */
    public static boolean anyEntry(Path directory, Predicate<Path> test) throws IOException {
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                if (test.test(entry)) {
                    return true;
                }
            }
            return false;
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
    }

    /**
     * The content of a class-path resource, bounded like files, or empty when there is none.
     *
     * @throws TrustMaterialException starting with what is wrong ("is larger than ...", "cannot be read: ..."), without
     *         the resource name: callers put their own name in front
     */
    public static Optional<byte[]> resource(ClassLoader classLoader, String name) {
        try (InputStream in = classLoader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            // One byte more than the limit tells that the resource is too large.
            long limit = maxSize;
            byte[] content = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 16));
            if (content.length > limit) {
                throw new TrustMaterialException("is larger than the limit of " + size(limit) + " ("
                        + sizeProperty + ")");
            }
            return Optional.of(content);
        } catch (IOException e) {
            throw new TrustMaterialException("cannot be read: " + e.getMessage(), e);
        }
    }

    /** What a path that is not a regular file is, in people's words, e.g. {@code a named pipe (FIFO)}. */
    public static String kind(Path file, BasicFileAttributes attributes) {
        if (attributes.isDirectory()) {
            return "a directory";
        }
        try {
            // The "unix" view knows pipes from devices; other platforms only say "other".
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            switch (mode & S_IFMT) {
                case 0010000:
                    return "a named pipe (FIFO)";
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0140000:
                    return "a socket";
                default:
                    break;
            }
        } catch (IOException | RuntimeException e) {
            // Fall through to the generic description.
        }
        return "a device, pipe or socket";
    }

    private static TrustMaterialException tooLarge(String what, long limit, String property) {
        return new TrustMaterialException(what + ", more than the limit of " + size(limit) + " (" + property
                + "); real CA bundles and client certificates are far smaller. Fix: point the property at the right"
                + " file, or raise " + property);
    }

    /** A size for people: {@code 200 MB (209715200 bytes)}. */
    public static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = { "KB", "MB", "GB", "TB" };
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        String shown = value == Math.floor(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
        return shown + " " + units[unit] + " (" + bytes + " bytes)";
    }
}

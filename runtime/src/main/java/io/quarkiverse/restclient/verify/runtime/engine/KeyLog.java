package io.quarkiverse.restclient.verify.runtime.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

import org.jboss.logging.Logger;

/**
 * A file of TLS secrets in the NSS key-log format ({@code SSLKEYLOGFILE}), which Wireshark reads to decrypt a client's
 * traffic: whoever reads it reads every request and response of the handshakes logged in it.
 * <p>
 * So it is opened with care, once per start: a new file is created readable and writable by its owner only
 * ({@code rw-------}) before the first line; an existing one is appended to only when it is a regular file (not a
 * link, a named pipe or a device), owned by the user the application runs as, and closed to group and others. A link
 * swapped in after these checks is not followed.
 */
public final class KeyLog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KeyLog.class);
    /** What a key-log file may allow: its owner reads and writes it, nobody else does anything. */
    static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private final Path path;
    private final OutputStream out;

    private KeyLog(Path path, OutputStream out) {
        this.path = path;
        this.out = out;
    }

    /**
     * Opens the key log at this path, creating it owner-only if it does not exist.
     *
     * @throws UnsafeKeyLogException when the path is a link, not a regular file, someone else's, or open to others,
     *         with what is wrong in words; an {@link IOException} when it cannot be created or opened
     */
    static KeyLog open(Path path) throws IOException {
        Path absolute = path.toAbsolutePath().normalize();
        Path directory = absolute.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new UnsafeKeyLogException("its directory " + directory + " does not exist");
        }
        boolean posix = Files.getFileAttributeView(directory, PosixFileAttributeView.class) != null;
        try {
            if (posix) {
                // O_CREAT|O_EXCL with mode 0600: the file never exists with wider permissions, whatever the umask.
                Files.createFile(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(absolute);
            }
        } catch (FileAlreadyExistsException e) {
            checkExisting(absolute, posix);
        }
        OutputStream out = Files.newOutputStream(absolute, StandardOpenOption.WRITE, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS);
        return new KeyLog(absolute, out);
    }

    private static void checkExisting(Path file, boolean posix) throws IOException {
        if (Files.isSymbolicLink(file)) {
            throw new UnsafeKeyLogException("is a symbolic link; the secrets would be written wherever it points");
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new UnsafeKeyLogException("exists and is not a regular file (a directory, a named pipe or a device)");
        }
        if (!posix) {
            return;
        }
        String owner = Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).getName();
        String user = System.getProperty("user.name");
        if (user != null && !owner.equals(user)) {
            throw new UnsafeKeyLogException("belongs to " + owner + ", not to " + user
                    + ", the user the application runs as");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        if (!OWNER_ONLY.containsAll(permissions)) {
            throw new UnsafeKeyLogException("exists with permissions " + PosixFilePermissions.toString(permissions)
                    + ", open to others who could then decrypt the traffic; a key log must be rw------- (chmod 600)");
        }
    }

    /** The file the lines go to. */
    public Path path() {
        return path;
    }

    /** Appends one NSS key-log line, e.g. {@code CLIENT_RANDOM <random> <secret>}; flushed, so a reader sees it. */
    void append(byte[] line) {
        synchronized (out) {
            try {
                out.write(line);
                out.write('\n');
                out.flush();
            } catch (IOException e) {
                // Never fails a handshake: the key log is a debugging aid.
                LOG.debugf(e, "Cannot write to the key log %s", path);
            }
        }
    }

    /** Appends one line given as text. */
    void append(String line) {
        append(line.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        synchronized (out) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.debugf(e, "Cannot close the key log %s", path);
            }
        }
    }

    /** A key-log path that is not safe to write secrets to. */
    static final class UnsafeKeyLogException extends IOException {

        private static final long serialVersionUID = 1L;

        UnsafeKeyLogException(String what) {
            super(what);
        }
    }
}

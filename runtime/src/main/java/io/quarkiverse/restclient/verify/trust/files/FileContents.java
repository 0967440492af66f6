package io.quarkiverse.restclient.verify.trust.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * A SHA-256 over what files hold right now, links followed. A rotation is detected by what changed, not by when: a
 * Kubernetes {@code ..data} link swap leaves the configured path's own time stamps untouched, and a rotation back to
 * an earlier bundle is a change like any other.
 */
public final class FileContents {

    private FileContents() {
    }

    /**
     * The hash of these files' contents. A directory counts with the names and contents of its regular files; a
     * missing or unreadable path counts as such, so that its appearance is a change too.
     */
    public static String hash(List<Path> paths) {
        MessageDigest digest = sha256();
        for (Path path : paths) {
            update(digest, "path:" + path);
            if (Files.isDirectory(path)) {
                try (Stream<Path> entries = Files.list(path)) {
                    for (Path entry : entries.filter(Files::isRegularFile).sorted().toList()) {
                        update(digest, "entry:" + entry.getFileName());
                        content(digest, entry);
                    }
                } catch (IOException e) {
                    update(digest, "unlistable:" + e.getClass().getName());
                }
            } else {
                content(digest, path);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The hash of these directories' listings: each entry's name, and the size, modification and change times and
     * file key (inode) of what it points to. Cheap (no file is read), and a file deleted, added, replaced or rewritten
     * changes it: rewriting a file in place changes its change time even when size and modification time are put back.
     */
    public static String listing(List<Path> directories) {
        MessageDigest digest = sha256();
        for (Path directory : directories) {
            update(digest, "listing:" + directory);
            try (Stream<Path> entries = Files.list(directory)) {
                for (Path entry : entries.sorted().toList()) {
                    update(digest, "entry:" + entry.getFileName() + ":" + attributes(entry));
                }
            } catch (IOException e) {
                update(digest, "unlistable:" + e.getClass().getName());
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String attributes(Path entry) {
        try {
            BasicFileAttributes basic = Files.readAttributes(entry, BasicFileAttributes.class);
            String changed = "";
            try {
                changed = String.valueOf(Files.getAttribute(entry, "unix:ctime"));
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                // Not a Unix file system: size, modification time and file key still tell most changes.
            }
            return basic.size() + ":" + basic.lastModifiedTime().to(TimeUnit.NANOSECONDS) + ":" + changed + ":"
                    + basic.fileKey();
        } catch (IOException e) {
            // A dangling link counts as such, so that its target's return is a change too.
            return "unreadable:" + e.getClass().getName();
        }
    }

    private static void content(MessageDigest digest, Path file) {
        try {
            // Bounded and regular files only: a pipe here would block the reload thread for good.
            byte[] bytes = TrustFiles.read(file);
            update(digest, "bytes:" + bytes.length);
            digest.update(bytes);
        } catch (TrustMaterialException e) {
            // What is wrong counts as content, so that a file becoming a pipe (or too large) is a change to report.
            update(digest, "unusable:" + e.getMessage());
        }
    }

    private static void update(MessageDigest digest, String marker) {
        digest.update(marker.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}

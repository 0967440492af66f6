package io.quarkiverse.restclient.verify.trust;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

/**
 * An OpenSSL "capath" directory: CA files named {@code <subject-hash>.N}, as {@code openssl rehash},
 * {@code c_rehash} or {@code update-ca-certificates} create them. Issuers are looked up when a handshake needs them,
 * as OpenSSL does, so a CA added later is found without a restart. Safe for concurrent handshakes.
 */
public final class CaDirectory {

    private static final Pattern HASH_NAME = Pattern.compile("[0-9a-f]{8}\\.[0-9]+");
    private static final int MAX_PROBLEMS = 20;
    private static final int MAX_PROBLEMS_IN_MESSAGE = 3;

    private final Path path;
    private static final int MAX_CACHED_HASHES = 1024;

    private final Map<Object, ParsedFile> parsed = new ConcurrentHashMap<>();
    // Canonicalising a name and hashing it costs more than the rest of a lookup; handshakes ask for the same few.
    private final Map<X500Principal, String> subjectHashes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> problems = new ConcurrentLinkedDeque<>();

    /** The directory at this path; nothing is read yet. */
    public CaDirectory(Path path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /**
     * Whether the directory has at least one {@code <hash>.N} entry that leads to a file (links are followed).
     *
     * @throws TrustMaterialException when the directory cannot be listed
     */
    public boolean isHashed() {
        // Stops at the first hash name: start-up must not grow with the directory (/etc/ssl/certs has hundreds).
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
            for (Path entry : stream) {
                if (HASH_NAME.matcher(entry.getFileName().toString()).matches() && Files.isRegularFile(entry)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new TrustMaterialException(path + ": cannot be read: " + CertificateFileReader.describe(e), e);
        } catch (DirectoryIteratorException e) {
            throw new TrustMaterialException(path + ": cannot be read: " + CertificateFileReader.describe(e.getCause()),
                    e);
        }
    }

    /**
     * The CA certificates with exactly this subject, from {@code <hash>.0}, {@code <hash>.1}, ... up to the first
     * missing number. Each file is parsed once per version (size, modification time); a file that cannot be parsed
     * is skipped and recorded in {@link #problems()}. Missing files are never cached, so later additions are found.
     */
    public List<X509Certificate> findBySubject(X500Principal subject) {
        String hash;
        try {
            hash = subjectHash(subject);
        } catch (TrustMaterialException e) {
            // A name OpenSSL tools could not have filed under a hash either (a hostile server's issuer): nothing here.
            return List.of();
        }
        List<X509Certificate> found = new ArrayList<>();
        for (int n = 0;; n++) {
            Path file = path.resolve(hash + "." + n);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                if (Files.isSymbolicLink(file)) {
                    // OpenSSL stops here as well, but a dangling link usually means a CA was removed without a rehash.
                    problem(file + ": is a link to a file that does not exist; stopped looking at " + hash + "." + n);
                }
                break;
            } catch (IOException e) {
                problem(file + ": cannot be read: " + CertificateFileReader.describe(e));
                break;
            }
            if (!attributes.isRegularFile()) {
                problem(file + ": is not a regular file; skipped");
                continue;
            }
            for (X509Certificate certificate : parse(file, attributes)) {
                if (certificate.getSubjectX500Principal().equals(subject)) {
                    found.add(certificate);
                }
            }
        }
        return found;
    }

    /**
     * Every certificate of every regular file (links followed, hidden files and subdirectories skipped), for a
     * directory without hash names. Files without certificates are skipped and recorded in {@link #problems()}.
     *
     * @throws TrustMaterialException when the directory cannot be listed or no file holds a certificate
     */
    public List<X509Certificate> loadAll() {
        List<X509Certificate> all = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int files = 0;
        for (Path entry : list()) {
            if (entry.getFileName().toString().startsWith(".") || !Files.isRegularFile(entry)) {
                continue;
            }
            files++;
            try {
                all.addAll(CertificateFileReader.read(entry));
            } catch (TrustMaterialException e) {
                skipped.add(entry.getFileName() + ": " + e.getMessage());
                problem(entry + ": " + e.getMessage());
            }
        }
        if (all.isEmpty()) {
            if (files == 0) {
                throw new TrustMaterialException(path + ": no certificate found: the directory has no files");
            }
            throw new TrustMaterialException(path + ": no certificate found in any of the " + files + " file"
                    + (files == 1 ? "" : "s") + " (" + summary(skipped) + ")");
        }
        return all;
    }

    /** Recent problems with files of this directory, oldest first, at most twenty. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    @Override
    public String toString() {
        return "CaDirectory[" + path + "]";
    }

    private String subjectHash(X500Principal subject) {
        String hash = subjectHashes.get(subject);
        if (hash == null) {
            if (subjectHashes.size() >= MAX_CACHED_HASHES) {
                subjectHashes.clear();
            }
            hash = OpenSslSubjectHash.of(subject);
            subjectHashes.put(subject, hash);
        }
        return hash;
    }

    private List<X509Certificate> parse(Path file, BasicFileAttributes attributes) {
        // Keyed by the link target's file key (device and inode, links followed), so re-pointing a link is a new file
        // and shared targets are parsed once, without resolving the real path on every handshake.
        Object key = attributes.fileKey() != null ? attributes.fileKey() : file.toAbsolutePath();
        ParsedFile cached = parsed.get(key);
        if (cached != null && cached.isVersion(attributes)) {
            return cached.certificates;
        }
        List<X509Certificate> certificates;
        try {
            certificates = List.copyOf(CertificateFileReader.read(file));
        } catch (TrustMaterialException e) {
            // Cached too: a broken file is reported once per version rather than on every handshake.
            problem(file + ": " + e.getMessage());
            certificates = List.of();
        }
        parsed.put(key, new ParsedFile(attributes.size(), attributes.lastModifiedTime(), attributes.fileKey(),
                certificates));
        return certificates;
    }

    private List<Path> list() {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(path)) {
            for (Path entry : stream) {
                entries.add(entry);
            }
        } catch (IOException e) {
            throw new TrustMaterialException(path + ": cannot be read: " + CertificateFileReader.describe(e), e);
        } catch (DirectoryIteratorException e) {
            throw new TrustMaterialException(path + ": cannot be read: " + CertificateFileReader.describe(e.getCause()),
                    e);
        }
        // Sorted so that loading order, and therefore messages, do not depend on the file system.
        entries.sort(null);
        return entries;
    }

    private void problem(String problem) {
        // File names and labels come from whoever filled the directory: escaped before they reach a log or health.
        problems.addLast(Printable.text(problem, 1000));
        while (problems.size() > MAX_PROBLEMS) {
            problems.pollFirst();
        }
    }

    private static String summary(List<String> skipped) {
        List<String> shown = skipped.subList(0, Math.min(skipped.size(), MAX_PROBLEMS_IN_MESSAGE));
        String more = skipped.size() > shown.size() ? "; and " + (skipped.size() - shown.size()) + " more" : "";
        return Printable.text(String.join("; ", shown), 2000) + more;
    }

    /** One parsed version of a file; the file key (inode) also catches a same-size replacement by rename. */
    private static final class ParsedFile {
        final long size;
        final FileTime modified;
        final Object fileKey;
        final List<X509Certificate> certificates;

        ParsedFile(long size, FileTime modified, Object fileKey, List<X509Certificate> certificates) {
            this.size = size;
            this.modified = modified;
            this.fileKey = fileKey;
            this.certificates = certificates;
        }

        boolean isVersion(BasicFileAttributes attributes) {
            return size == attributes.size() && modified.equals(attributes.lastModifiedTime())
                    && Objects.equals(fileKey, attributes.fileKey());
        }
    }
}

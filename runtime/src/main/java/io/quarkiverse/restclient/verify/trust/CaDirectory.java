package io.quarkiverse.restclient.verify.trust;

import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
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
     * missing number. Each file is read at every lookup and parsed again only when its content changed; a file that
     * cannot be parsed is skipped and recorded in {@link #problems()}, and so are certificates whose OpenSSL trust
     * settings reject TLS server authentication. Missing files are never cached, so later additions are found.
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
     * @return the certificates that may anchor a server's chain, and those OpenSSL trust settings leave out
     * @throws TrustMaterialException when the directory cannot be listed or no file holds a certificate
     */
    public CertificateFileReader.CaFile loadAll() {
        List<X509Certificate> all = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        int files = 0;
        for (Path entry : list()) {
            if (entry.getFileName().toString().startsWith(".") || !Files.isRegularFile(entry)) {
                continue;
            }
            files++;
            try {
                CertificateFileReader.CaFile read = CertificateFileReader.readCaFile(entry);
                all.addAll(read.certificates());
                read.leftOut().forEach(left -> leftOut.add(entry.getFileName() + ": " + left));
            } catch (TrustMaterialException e) {
                skipped.add(entry.getFileName() + ": " + e.getMessage());
                problem(entry + ": " + e.getMessage());
            }
        }
        if (all.isEmpty() && leftOut.isEmpty()) {
            if (files == 0) {
                throw new TrustMaterialException(path + ": no certificate found: the directory has no files");
            }
            throw new TrustMaterialException(path + ": no certificate found in any of the " + files + " file"
                    + (files == 1 ? "" : "s") + " (" + summary(skipped) + ")");
        }
        return new CertificateFileReader.CaFile(all, leftOut);
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
        // Keyed by the link target's file key (device and inode, links followed), so shared targets are parsed once
        // without resolving the real path on every handshake; the content decides whether the parse still holds, since
        // size, modification time and inode can all stay the same while a CA is replaced.
        Object key = attributes.fileKey() != null ? attributes.fileKey() : file.toAbsolutePath();
        byte[] content;
        try {
            // Bounded like every trust file: an entry over the size limit is never read, at any handshake.
            content = TrustFiles.read(file, attributes);
        } catch (TrustMaterialException e) {
            problem(file + ": " + e.getMessage());
            return List.of();
        }
        ParsedFile cached = parsed.get(key);
        if (cached != null && Arrays.equals(cached.content, content)) {
            return cached.certificates;
        }
        List<X509Certificate> certificates;
        try {
            CertificateFileReader.CaFile read = CertificateFileReader.readCaFile(file.toString(), content);
            certificates = read.certificates();
            read.leftOut().forEach(left -> problem(file + ": left out " + left));
        } catch (TrustMaterialException e) {
            // Cached too: a broken file is reported once per content rather than on every handshake.
            problem(file + ": " + e.getMessage());
            certificates = List.of();
        }
        parsed.put(key, new ParsedFile(content, certificates));
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

    /** One parsed content of a file. */
    private record ParsedFile(byte[] content, List<X509Certificate> certificates) {
    }
}

package io.quarkiverse.restclient.verify.trust;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.regex.Pattern;

import javax.security.auth.x500.X500Principal;

/**
 * An OpenSSL "capath" directory: CA files named {@code <subject-hash>.N}, as {@code openssl rehash} or
 * {@code c_rehash} create them. Issuers are looked up when a handshake needs them, like OpenSSL does, so a CA added
 * later is found without a reload.
 */
public final class CaDirectory {

    private static final Pattern HASH_NAME = Pattern.compile("[0-9a-f]{8}\\.[0-9]+");
    private static final int MAX_PROBLEMS = 16;

    private final Path path;
    private final Map<Path, ParsedFile> parsed = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> problems = new ConcurrentLinkedDeque<>();

    /** The directory at this path; nothing is read yet. */
    public CaDirectory(Path path) {
        this.path = path;
    }

    /** The directory. */
    public Path path() {
        return path;
    }

    /** Whether the directory has at least one {@code <hash>.N} entry. */
    public boolean isHashed() {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                if (HASH_NAME.matcher(entry.getFileName().toString()).matches()) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new TrustMaterialException("the directory " + path + " cannot be read: " + e, e);
        }
    }

    /**
     * The CA certificates with this subject: {@code <hash>.0}, {@code <hash>.1}, ... up to the first missing number.
     * Files are parsed once per content (size and modification time); a file that cannot be parsed is skipped and
     * recorded in {@link #problems()}.
     */
    public List<X509Certificate> findBySubject(X500Principal subject) {
        String hash = OpenSslSubjectHash.of(subject);
        List<X509Certificate> found = new ArrayList<>();
        for (int n = 0;; n++) {
            Path file = path.resolve(hash + "." + n);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                break;
            }
            for (X509Certificate certificate : parse(file, attributes)) {
                if (certificate.getSubjectX500Principal().equals(subject)) {
                    found.add(certificate);
                }
            }
        }
        return found;
    }

    private List<X509Certificate> parse(Path file, BasicFileAttributes attributes) {
        long size = attributes.size();
        long modified = attributes.lastModifiedTime().toMillis();
        ParsedFile cached = parsed.get(file);
        if (cached != null && cached.size == size && cached.modified == modified) {
            return cached.certificates;
        }
        List<X509Certificate> certificates;
        try {
            certificates = CertificateFileReader.read(file);
        } catch (TrustMaterialException e) {
            problem(file + ": " + e.getMessage());
            certificates = List.of();
        }
        parsed.put(file, new ParsedFile(size, modified, certificates));
        return certificates;
    }

    /** Every certificate in every regular file, for a directory without hash names. */
    public List<X509Certificate> loadAll() {
        List<X509Certificate> all = new ArrayList<>();
        int files = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
            for (Path entry : entries) {
                if (entry.getFileName().toString().startsWith(".") || !Files.isRegularFile(entry)) {
                    continue;
                }
                files++;
                try {
                    all.addAll(CertificateFileReader.read(entry));
                } catch (TrustMaterialException e) {
                    problem(entry + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new TrustMaterialException("the directory " + path + " cannot be read: " + e, e);
        }
        if (all.isEmpty()) {
            throw new TrustMaterialException("the directory " + path + " holds no certificate in any of its " + files
                    + " files" + (problems.isEmpty() ? "" : " (" + problems.peekLast() + ")"));
        }
        return all;
    }

    /** Recent problems with files of this directory, oldest first. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void problem(String problem) {
        problems.addLast(problem);
        while (problems.size() > MAX_PROBLEMS) {
            problems.pollFirst();
        }
    }

    private record ParsedFile(long size, long modified, List<X509Certificate> certificates) {
    }
}

package io.quarkiverse.restclient.verify.trust.anchors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.files.CertificateFileReader;
import io.quarkiverse.restclient.verify.trust.files.TrustFiles;

/**
 * An OpenSSL "capath" directory: CA files named {@code <subject-hash>.N}, as {@code openssl rehash},
 * {@code c_rehash} or {@code update-ca-certificates} create them. Issuers are looked up when a handshake needs them,
 * as OpenSSL does, so a CA added later is found without a restart. Safe for concurrent handshakes.
 */
public final class CaDirectory {

    private static final Pattern HASH_NAME = Pattern.compile("[0-9a-f]{8}\\.[0-9]+");
    private static final int MAX_PROBLEMS = 20;
    private static final int MAX_PROBLEMS_IN_MESSAGE = 3;

    private static final int MAX_CACHED_HASHES = 1024;
    /**
     * The most parsed files remembered: far above a real CA directory (Debian's has about 150 CA files), and a
     * directory whose files keep being replaced (each replacement is a new file) does not grow the cache for ever.
     */
    static final int MAX_PARSED_FILES = 1024;
    /** The most names whose look-up is remembered for planning; server chains bring new names. */
    static final int MAX_PLANNING_LOOKUPS = 1024;

    private final Path path;
    private final Map<Object, ParsedFile> parsed = new ConcurrentHashMap<>();
    private final Map<String, PlanningLookup> planningLookups = new ConcurrentHashMap<>();
    /** The directory's modification time when the planning look-ups were made, and whether it had hash names. */
    private volatile PlanningStamp planningStamp;
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
        try {
            return TrustFiles.anyEntry(path,
                    entry -> HASH_NAME.matcher(entry.getFileName().toString()).matches() && Files.isRegularFile(entry));
        } catch (IOException e) {
            throw new TrustMaterialException(path + ": cannot be read: " + CertificateFileReader.describe(e), e);
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
        return withSubject(filedUnder(hash, null), subject);
    }

    /**
     * The certificates with this subject, as {@link #findBySubject} finds them, for planning when to look at open
     * connections again rather than for deciding trust: a look-up is remembered per name while neither the directory
     * (an entry added, removed or renamed) nor the files found (modification time, size) change, so a client that
     * meets many chains does not read the same files again for each. Empty for a directory without hash names.
     */
    public List<X509Certificate> findBySubjectForPlanning(X500Principal subject) {
        PlanningStamp stamp = planningStamp();
        if (!stamp.hashed()) {
            return List.of();
        }
        String hash;
        try {
            hash = subjectHash(subject);
        } catch (TrustMaterialException e) {
            return List.of();
        }
        PlanningLookup known = planningLookups.get(hash);
        if (known == null || !known.unchanged()) {
            List<FileStamp> files = new ArrayList<>();
            List<X509Certificate> found = filedUnder(hash, files);
            known = new PlanningLookup(found, files);
            if (planningLookups.size() >= MAX_PLANNING_LOOKUPS) {
                planningLookups.clear();
            }
            planningLookups.put(hash, known);
        }
        return withSubject(known.certificates(), subject);
    }

    /** The directory's stamp for planning look-ups; they are all forgotten when the directory changed. */
    private PlanningStamp planningStamp() {
        FileTime modified;
        try {
            modified = TrustFiles.attributes(path).lastModifiedTime();
        } catch (IOException e) {
            modified = null;
        }
        PlanningStamp stamp = planningStamp;
        if (stamp == null || modified == null || !modified.equals(stamp.modified())) {
            planningLookups.clear();
            boolean hashed;
            try {
                hashed = isHashed();
            } catch (TrustMaterialException e) {
                hashed = false;
            }
            stamp = new PlanningStamp(modified, hashed);
            planningStamp = modified == null ? null : stamp;
        }
        return stamp;
    }

    /** How many names this directory remembers look-ups for, for tests that check the bound. */
    int cachedPlanningLookups() {
        return planningLookups.size();
    }

    private static List<X509Certificate> withSubject(List<X509Certificate> certificates, X500Principal subject) {
        List<X509Certificate> found = new ArrayList<>();
        for (X509Certificate certificate : certificates) {
            if (certificate.getSubjectX500Principal().equals(subject)) {
                found.add(certificate);
            }
        }
        return found;
    }

    /**
     * Every certificate of {@code <hash>.0}, {@code <hash>.1}, ... up to the first missing number.
     *
     * @param stamps where the files read are noted, or null
     */
    private List<X509Certificate> filedUnder(String hash, List<FileStamp> stamps) {
        List<X509Certificate> found = new ArrayList<>();
        for (int n = 0;; n++) {
            Path file = path.resolve(hash + "." + n);
            BasicFileAttributes attributes;
            try {
                attributes = TrustFiles.attributes(file);
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
            if (stamps != null) {
                stamps.add(new FileStamp(file, attributes.lastModifiedTime(), attributes.size()));
            }
            if (!attributes.isRegularFile()) {
                problem(file + ": is not a regular file; skipped");
                continue;
            }
            found.addAll(parse(file, attributes));
        }
        return found;
    }

    /** A planning look-up: the certificates filed under one hash and the files they were read from. */
    private record PlanningLookup(List<X509Certificate> certificates, List<FileStamp> files) {

        boolean unchanged() {
            for (FileStamp file : files) {
                if (!file.unchanged()) {
                    return false;
                }
            }
            return true;
        }
    }

    /** A file's modification time and size when it was read (links followed). */
    private record FileStamp(Path file, FileTime modified, long size) {

        boolean unchanged() {
            try {
                BasicFileAttributes now = TrustFiles.attributes(file);
                return now.lastModifiedTime().equals(modified) && now.size() == size;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** A directory's modification time and whether it has hash names. */
    private record PlanningStamp(FileTime modified, boolean hashed) {
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
        byte[] digest = sha256(content);
        ParsedFile cached = parsed.get(key);
        if (cached != null && Arrays.equals(cached.digest, digest)) {
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
        if (parsed.size() >= MAX_PARSED_FILES) {
            // Replaced files leave entries behind under their old file keys: start again rather than grow.
            parsed.clear();
        }
        parsed.put(key, new ParsedFile(digest, certificates));
        return certificates;
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private List<Path> list() {
        try {
            // Sorted so that loading order, and therefore messages, do not depend on the file system.
            return TrustFiles.entries(path);
        } catch (IOException e) {
            throw new TrustMaterialException(path + ": cannot be read: " + CertificateFileReader.describe(e), e);
        }
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

    /** One parsed content of a file, known by its SHA-256 digest: the content itself is not kept. */
    private record ParsedFile(byte[] digest, List<X509Certificate> certificates) {
    }
}

package io.quarkiverse.restclient.verify.trust.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.trust.Fingerprints;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.RecentlyUsed;
import io.quarkiverse.restclient.verify.trust.Reloadable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;
import io.quarkiverse.restclient.verify.trust.files.CertificateFileReader;
import io.quarkiverse.restclient.verify.trust.files.FileContents;
import io.quarkiverse.restclient.verify.trust.files.PemBlocks;
import io.quarkiverse.restclient.verify.trust.files.TrustFiles;

/**
 * Certificate revocation lists read from files: PEM ({@code BEGIN X509 CRL}) or DER, one file or a directory of them.
 * Immutable; a CRL counts for a certificate only when its signature verifies with the key of the certificate's
 * issuer on the validated path.
 */
public final class CrlSet implements Reloadable.Kind<CrlSet> {

    /**
     * One CRL and the file it came from.
     *
     * @param crl the CRL
     * @param file the file, as configured or found in a configured directory
     * @param scope what the CRL can answer for, read once when the file is loaded
     */
    public record Entry(X509CRL crl, String file, CrlScope scope) {
    }

    /**
     * A revocation found in a CRL.
     *
     * @param revokedAt when the certificate was revoked
     * @param reason the reason code in words, or null
     * @param file the CRL file that says so
     */
    public record Revocation(Instant revokedAt, String reason, String file) {
    }

    private final List<Path> paths;
    private final List<Entry> entries;
    /**
     * Verdicts kept: one per CRL and issuer key. Issuers come from servers' chains (any key under the CRL issuer's
     * name), so the count is bounded; far above the CAs of a client's CRLs.
     */
    static final int MAX_VERIFIED = 1024;
    // Whether a CRL's signature verifies with an issuer's key: checked once per CRL and issuer key.
    private final Map<String, Boolean> verified = RecentlyUsed.map(MAX_VERIFIED);

    private CrlSet(List<Path> paths, List<Entry> entries) {
        this.paths = List.copyOf(paths);
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads every CRL in these files and directories.
     *
     * @throws TrustMaterialException naming the file that is missing or holds no CRL
     */
    public static CrlSet load(List<Path> paths) {
        List<Entry> entries = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.exists(path)) {
                throw new TrustMaterialException(path + " does not exist (resolved to " + path.toAbsolutePath()
                        + "). Fix: mount or copy the CRL there, or remove it from the property");
            }
            if (Files.isDirectory(path)) {
                for (Path file : list(path)) {
                    BasicFileAttributes attributes = attributes(file);
                    // Subdirectories (such as Kubernetes' ..data) are not CRLs; anything else goes through the door.
                    if (!attributes.isDirectory()) {
                        entries.addAll(read(file));
                    }
                }
            } else {
                entries.addAll(read(path));
            }
        }
        return new CrlSet(paths, entries);
    }

    /** The CRLs of these paths, reloaded when their content changes (see {@link Reloadable#reload()}). */
    public static Reloadable<CrlSet> reloadable(List<Path> paths) {
        String source = String.join(",", paths.stream().map(Path::toString).toList());
        return Reloadable.load(source, () -> contentHash(paths), () -> load(paths));
    }

    /**
     * The content hash of the files, plus what each directory holds that is neither a regular file nor a directory:
     * a pipe appearing in a CRL directory is a change to report, though no byte of it is ever read.
     */
    private static String contentHash(List<Path> paths) {
        StringBuilder others = new StringBuilder(FileContents.hash(paths));
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                continue;
            }
            try {
                for (Path entry : list(path)) {
                    try {
                        BasicFileAttributes attributes = TrustFiles.attributes(entry);
                        if (!attributes.isRegularFile() && !attributes.isDirectory()) {
                            others.append('|').append(entry.getFileName()).append(':')
                                    .append(TrustFiles.kind(entry, attributes));
                        }
                    } catch (IOException e) {
                        others.append('|').append(entry.getFileName()).append(":unreadable");
                    }
                }
            } catch (TrustMaterialException e) {
                others.append("|unlistable:").append(path);
            }
        }
        return others.toString();
    }

    private static List<Path> list(Path directory) {
        try {
            return TrustFiles.entries(directory);
        } catch (IOException e) {
            throw new TrustMaterialException("the directory " + directory + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static BasicFileAttributes attributes(Path file) {
        try {
            return TrustFiles.attributes(file);
        } catch (IOException e) {
            throw new TrustMaterialException(file + ": cannot be read: " + CertificateFileReader.describe(e), e);
        }
    }

    private static List<Entry> read(Path file) {
        byte[] bytes;
        try {
            // Regular files only and at most verify-max-file-size bytes: a pipe would block, /dev/zero fill the heap.
            bytes = TrustFiles.read(file);
        } catch (TrustMaterialException e) {
            throw new TrustMaterialException(file + ": " + e.getMessage(), e);
        }
        Collection<? extends CRL> crls;
        boolean pem = PemBlocks.mentionsBegin(bytes);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            crls = pem ? pemCrls(factory, bytes) : factory.generateCRLs(new ByteArrayInputStream(bytes));
        } catch (CRLException | CertificateException | RuntimeException e) {
            Optional<String> other = pem ? Optional.empty() : ofAnotherKind(bytes, false);
            if (other.isPresent()) {
                throw new TrustMaterialException(file + " " + other.get() + ", not a CRL." + NOT_A_CRL_FIX, e);
            }
            throw new TrustMaterialException(file + " is not a CRL in PEM (-----BEGIN X509 CRL-----) or DER form: "
                    + e.getMessage() + ". Fix: download the CRL again from its distribution point", e);
        }
        if (crls.isEmpty() && pem) {
            ofAnotherKind(bytes, true).ifPresent(other -> {
                throw new TrustMaterialException(file + " " + other + ", not a CRL." + NOT_A_CRL_FIX);
            });
        }
        if (crls.isEmpty()) {
            throw new TrustMaterialException(file + " holds no CRL (-----BEGIN X509 CRL-----). Fix: point the"
                    + " property at the CRL files of your CAs");
        }
        List<Entry> entries = new ArrayList<>();
        for (CRL crl : crls) {
            entries.add(new Entry((X509CRL) crl, file.toString(), CrlScope.of((X509CRL) crl)));
        }
        return entries;
    }

    private static final String NOT_A_CRL_FIX = " Fix: point the property at the CRL its CA publishes"
            + " (-----BEGIN X509 CRL----- or DER), e.g. downloaded from the URL in the certificates' CRL distribution"
            + " points (openssl x509 -noout -ext crlDistributionPoints -in cert.pem), or made with openssl ca -gencrl";

    /**
     * What a file that holds no CRL holds instead, said so that a person recognises the file they picked up by mistake:
     * a private key (never shown), a certificate, a CA bundle, read as CA files are read; empty when it is none of
     * these.
     */
    private static Optional<String> ofAnotherKind(byte[] bytes, boolean pem) {
        try {
            if (pem && PemBlocks.readAll(bytes).stream().anyMatch(block -> block.label().contains("PRIVATE KEY"))) {
                return Optional.of("holds a private key");
            }
            List<X509Certificate> certificates = CertificateFileReader.read("the CRL setting", bytes);
            if (certificates.size() == 1) {
                return Optional.of("is a certificate" + (pem ? "" : " in DER form") + " ('"
                        + Printable.text(certificates.get(0).getSubjectX500Principal().getName()) + "')");
            }
            return Optional.of("is a CA bundle of " + certificates.size() + " certificates");
        } catch (TrustMaterialException e) {
            return Optional.empty();
        }
    }

    /** The CRL blocks of a PEM file, found by the one PEM reader; blocks of other kinds are passed over. */
    private static List<CRL> pemCrls(CertificateFactory factory, byte[] bytes) throws CRLException {
        List<CRL> crls = new ArrayList<>();
        PemBlocks blocks = new PemBlocks(bytes);
        for (Optional<PemBlocks.Begin> next = blocks.next(); next.isPresent(); next = blocks.next()) {
            String label = next.get().label();
            if (label.equals("X509 CRL") || label.equals("CRL")) {
                crls.add(factory.generateCRL(new ByteArrayInputStream(blocks.read(next.get()).der())));
            } else {
                blocks.skip(next.get());
            }
        }
        return crls;
    }

    /** The files and directories configured. */
    public List<Path> paths() {
        return paths;
    }

    /** Every CRL read. */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Whether a CRL of this set, signed by the issuer, answers completely for the certificate: not listing it then
     * means not revoked (see {@link CrlScope}).
     */
    public boolean covers(X509Certificate certificate, X509Certificate issuer) {
        for (Entry entry : entries) {
            if (issuedBy(entry, issuer) && entry.scope().verdict(certificate).use() == CrlScope.Use.COMPLETE) {
                return true;
            }
        }
        return false;
    }

    /**
     * The revocation of the certificate in a CRL of its issuer, if any: a revocation its issuer signed counts even in
     * a CRL that does not answer completely for the certificate, unless the CRL counts for nothing.
     */
    public Optional<Revocation> revocation(X509Certificate certificate, X509Certificate issuer) {
        for (Entry entry : entries) {
            if (!issuedBy(entry, issuer) || entry.scope().verdict(certificate).use() == CrlScope.Use.NONE) {
                continue;
            }
            X509CRLEntry revoked = entry.crl().getRevokedCertificate(certificate);
            if (revoked != null && CrlScope.revokes(revoked)) {
                return Optional.of(new Revocation(revoked.getRevocationDate().toInstant(),
                        revoked.getRevocationReason() == null ? null : words(revoked.getRevocationReason().name()),
                        entry.file()));
            }
        }
        return Optional.empty();
    }

    /** CRLs past their nextUpdate: their issuer has published a newer one, which may list more revocations. */
    public List<String> stale(Instant now) {
        List<String> stale = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.crl().getNextUpdate() != null && now.isAfter(entry.crl().getNextUpdate().toInstant())) {
                stale.add(entry.file() + ": the CRL of '" + entry.crl().getIssuerX500Principal().getName()
                        + "' was due to be replaced on " + entry.crl().getNextUpdate().toInstant()
                        + "; revocations since then are not in it. Fix: download the current CRL from the CA");
            }
        }
        return stale;
    }

    /**
     * CRLs that name a CA of the trust as their issuer but were not signed by it: forged or mixed up, and ignored. A
     * CRL of an intermediate CA cannot be checked until a server presents the intermediate, so it is not listed.
     */
    public List<String> notSignedByTheirIssuer(List<X509Certificate> anchors) {
        List<String> problems = new ArrayList<>();
        for (Entry entry : entries) {
            boolean named = false;
            boolean signed = false;
            for (X509Certificate anchor : anchors) {
                if (anchor.getSubjectX500Principal().equals(entry.crl().getIssuerX500Principal())) {
                    named = true;
                    signed |= issuedBy(entry, anchor);
                }
            }
            if (named && !signed) {
                problems.add(entry.file() + ": the CRL names '" + entry.crl().getIssuerX500Principal().getName()
                        + "' as its issuer, but that CA of this client's trust did not sign it, so it is ignored."
                        + " Fix: download the CRL again from the CA");
            }
        }
        return problems;
    }

    private boolean issuedBy(Entry entry, X509Certificate issuer) {
        if (!entry.crl().getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        String key = entry.file() + '|' + System.identityHashCode(entry.crl()) + '|'
                + Fingerprints.sha256(issuer);
        Boolean known = verified.get(key);
        if (known != null) {
            return known;
        }
        // Verified outside the map's lock: a signature check must not hold up other handshakes.
        boolean signed;
        try {
            entry.crl().verify(issuer.getPublicKey());
            signed = true;
        } catch (GeneralSecurityException | RuntimeException e) {
            signed = false;
        }
        verified.put(key, signed);
        return signed;
    }

    /** How many signature verdicts are kept, for tests that bound them. */
    int verdictsKept() {
        return verified.size();
    }

    /** Whether a verdict about this issuer key is kept, for tests that check which verdicts are dropped. */
    boolean verdictKept(X509Certificate issuer) {
        String fingerprint = '|' + Fingerprints.sha256(issuer);
        synchronized (verified) {
            return verified.keySet().stream().anyMatch(key -> key.endsWith(fingerprint));
        }
    }

    @Override
    public String inUse() {
        return "now checks " + description();
    }

    @Override
    public String whatChanged(CrlSet previous) {
        return "was " + previous.description();
    }

    /** Open connections were checked against the revocations before: they all close, so the next ones are checked. */
    @Override
    public Optional<X509ExtendedTrustManager> judgesOpenConnections() {
        return Optional.empty();
    }

    /** What was read, for people: {@code CRL files /certs/crl (2 CRLs)}. */
    @Override
    public String description() {
        return "CRL " + (paths.size() == 1 ? "file " : "files ") + String.join(", ",
                paths.stream().map(Path::toString).toList()) + " (" + entries.size()
                + (entries.size() == 1 ? " CRL)" : " CRLs)");
    }

    static String words(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    @Override
    public String toString() {
        return description();
    }
}

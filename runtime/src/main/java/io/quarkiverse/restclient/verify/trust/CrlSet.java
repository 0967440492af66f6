package io.quarkiverse.restclient.verify.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Certificate revocation lists read from files: PEM ({@code BEGIN X509 CRL}) or DER, one file or a directory of them.
 * Immutable; a CRL counts for a certificate only when its signature verifies with the key of the certificate's
 * issuer on the validated path.
 */
public final class CrlSet {

    /** A bigger file is not a CRL anyone should keep in memory per client. */
    private static final long MAX_FILE_SIZE = 64L * 1024 * 1024;

    /**
     * One CRL and the file it came from.
     *
     * @param crl the CRL
     * @param file the file, as configured or found in a configured directory
     */
    public record Entry(X509CRL crl, String file) {
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
    // Whether a CRL's signature verifies with an issuer's key: checked once per CRL and issuer key.
    private final Map<String, Boolean> verified = new ConcurrentHashMap<>();

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
                try (Stream<Path> files = Files.list(path)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        entries.addAll(read(file));
                    }
                } catch (IOException e) {
                    throw new TrustMaterialException("the directory " + path + " cannot be read: " + e.getMessage(),
                            e);
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
        return Reloadable.load(source, () -> FileContents.hash(paths), () -> load(paths));
    }

    private static List<Entry> read(Path file) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                throw new TrustMaterialException(file + " is larger than " + MAX_FILE_SIZE / (1024 * 1024)
                        + " MB; that is not a CRL this client reads");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TrustMaterialException(file + " cannot be read: " + e.getMessage(), e);
        }
        Collection<? extends CRL> crls;
        try {
            crls = CertificateFactory.getInstance("X.509").generateCRLs(new ByteArrayInputStream(bytes));
        } catch (CRLException | CertificateException | RuntimeException e) {
            throw new TrustMaterialException(file + " is not a CRL in PEM (-----BEGIN X509 CRL-----) or DER form: "
                    + e.getMessage() + ". Fix: download the CRL again from its distribution point", e);
        }
        if (crls.isEmpty()) {
            throw new TrustMaterialException(file + " holds no CRL (-----BEGIN X509 CRL-----). Fix: point the"
                    + " property at the CRL files of your CAs");
        }
        List<Entry> entries = new ArrayList<>();
        for (CRL crl : crls) {
            entries.add(new Entry((X509CRL) crl, file.toString()));
        }
        return entries;
    }

    /** The files and directories configured. */
    public List<Path> paths() {
        return paths;
    }

    /** Every CRL read. */
    public List<Entry> entries() {
        return entries;
    }

    /** Whether a CRL of this set, signed by the issuer, covers certificates of this issuer. */
    public boolean covers(X509Certificate issuer) {
        for (Entry entry : entries) {
            if (issuedBy(entry, issuer)) {
                return true;
            }
        }
        return false;
    }

    /** The revocation of the certificate in a CRL of its issuer, if any. */
    public Optional<Revocation> revocation(X509Certificate certificate, X509Certificate issuer) {
        for (Entry entry : entries) {
            if (!issuedBy(entry, issuer)) {
                continue;
            }
            X509CRLEntry revoked = entry.crl().getRevokedCertificate(certificate);
            if (revoked != null) {
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
        return verified.computeIfAbsent(key, k -> {
            try {
                entry.crl().verify(issuer.getPublicKey());
                return true;
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        });
    }

    /** What was read, for people: {@code CRL files /certs/crl (2 CRLs)}. */
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

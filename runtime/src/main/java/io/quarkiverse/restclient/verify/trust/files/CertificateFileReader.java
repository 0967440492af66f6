package io.quarkiverse.restclient.verify.trust.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * Reads the certificates of a CA file: a PEM bundle (any number of blocks; text around them is ignored, as in
 * Debian's bundle or {@code openssl x509 -text} output) or a single DER certificate. Errors name the line of the
 * offending block and never quote key material.
 */
public final class CertificateFileReader {

    // Messages stay short whatever the file holds: a few labels, each cut to a readable length.
    private static final int MAX_LABELS_SHOWN = 5;

    private CertificateFileReader() {
    }

    /**
     * The certificates in the file.
     *
     * @throws TrustMaterialException when the file cannot be read or holds no usable certificate
     */
    public static List<X509Certificate> read(Path file) {
        return readCaFile(file).certificates();
    }

    /**
     * The certificates in the file that may anchor a TLS server's chain, and those its OpenSSL trust settings leave
     * out.
     *
     * @throws TrustMaterialException when the file cannot be read or holds no certificate at all
     */
    public static CaFile readCaFile(Path file) {
        // Regular files only, of bounded size: a pipe would block here forever, a device would fill the heap.
        return readCaFile(file.toString(), TrustFiles.read(file));
    }

    /**
     * The certificates in the content, read exactly like a file.
     *
     * @param sourceName where the content comes from; messages leave it out because callers prefix their own name
     * @param content the bytes of a PEM bundle or DER certificate
     * @throws TrustMaterialException when the content holds no usable certificate
     */
    public static List<X509Certificate> read(String sourceName, byte[] content) {
        return readCaFile(sourceName, content).certificates();
    }

    /**
     * The content read exactly like a file, with the certificates its OpenSSL trust settings leave out.
     *
     * @throws TrustMaterialException when the content holds no certificate at all
     */
    public static CaFile readCaFile(String sourceName, byte[] content) {
        if (content == null || content.length == 0) {
            throw new TrustMaterialException("the file is empty");
        }
        if (!PemBlocks.mentionsBegin(content)) {
            return new CaFile(readDer(content), List.of());
        }
        return readPem(content);
    }

    /**
     * What a CA file holds for TLS server trust.
     *
     * @param certificates the certificates that may anchor a server's chain, in file order
     * @param leftOut the certificates left out, each with the reason, e.g.
     *        {@code 'CN=Old CA' (its OpenSSL trust settings reject TLS server authentication)}
     */
    public record CaFile(List<X509Certificate> certificates, List<String> leftOut) {
        public CaFile {
            certificates = List.copyOf(certificates);
            leftOut = List.copyOf(leftOut);
        }
    }

    /** A short reason for an I/O failure, without the path that {@link FileSystemException} repeats. */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason();
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static List<X509Certificate> readDer(byte[] content) {
        try {
            return List.of(parse(factory(), content));
        } catch (CertificateException | RuntimeException e) {
            throw new TrustMaterialException("no certificate found: the file is neither a PEM bundle (no -----BEGIN"
                    + " CERTIFICATE----- line) nor a DER certificate");
        }
    }

    private static CaFile readPem(byte[] content) {
        PemBlocks blocks = new PemBlocks(content);
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        // A set: a list's contains() made a file of many distinct labels take quadratic time.
        Set<String> otherTypes = new LinkedHashSet<>();
        // One factory for the whole bundle: looking one up costs more than decoding a certificate.
        CertificateFactory factory = factory();
        int count = 0;
        for (Optional<PemBlocks.Begin> next = blocks.next(); next.isPresent(); next = blocks.next()) {
            PemBlocks.Begin begin = next.get();
            String type = begin.label();
            int beginLine = begin.line();
            count++;
            if (type.contains("PRIVATE KEY")) {
                // Refused before its body is read, so no part of the key can reach a message or a log.
                if (!blocks.anyLabel(CertificateFileReader::isCertificate)) {
                    throw new TrustMaterialException("this is a private key (BEGIN " + PemBlocks.shown(type) + " on line "
                            + beginLine + "), not a CA bundle. Fix: point verify at the CA certificate(s) that issued"
                            + " the server's certificate; a private key of this client belongs in cert-key, next to"
                            + " its cert");
                }
                throw new TrustMaterialException("line " + beginLine + " holds a private key (BEGIN " + PemBlocks.shown(type)
                        + "). A CA bundle must contain certificates only; treat this key as leaked and keep it out of"
                        + " trust files");
            }
            if (isCertificate(type)) {
                byte[] der = blocks.read(begin).der();
                X509Certificate certificate = certificate(factory, der, type, beginLine);
                Optional<String> rejection = type.equals("TRUSTED CERTIFICATE")
                        ? OpenSslTrustSettings.rejectionForServerAuth(der)
                        : Optional.empty();
                if (rejection.isPresent()) {
                    leftOut.add("'" + Printable.name(certificate.getSubjectX500Principal()) + "' (line " + beginLine
                            + ": " + rejection.get() + ")");
                } else {
                    certificates.add(certificate);
                }
            } else {
                blocks.skip(begin);
                otherTypes.add(type);
            }
        }
        if (certificates.isEmpty() && leftOut.isEmpty()) {
            if (count == 0) {
                throw new TrustMaterialException("no certificate found: the file mentions -----BEGIN but no line"
                        + " starts a PEM block with it");
            }
            throw new TrustMaterialException("no certificate found (" + count + " PEM block" + (count == 1 ? "" : "s")
                    + ", none of them a CERTIFICATE; found " + labels(otherTypes) + ")");
        }
        return new CaFile(certificates, leftOut);
    }

    private static X509Certificate certificate(CertificateFactory factory, byte[] der, String type, int beginLine) {
        try {
            // For TRUSTED CERTIFICATE the factory reads the leading certificate; OpenSSL's trust settings follow it.
            return parse(factory, der);
        } catch (CertificateException | RuntimeException e) {
            throw new TrustMaterialException("line " + beginLine + ": the " + type + " block starting here is not a"
                    + " valid X.509 certificate (" + Printable.text(String.valueOf(e.getMessage()), 200) + ")", e);
        }
    }

    private static X509Certificate parse(CertificateFactory factory, byte[] der) throws CertificateException {
        return (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
    }

    private static CertificateFactory factory() {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 certificate factory", e);
        }
    }

    /** At most a handful of labels, each cut and escaped, then how many more there are. */
    private static String labels(Set<String> types) {
        List<String> shown = new ArrayList<>();
        for (String type : types) {
            if (shown.size() == MAX_LABELS_SHOWN) {
                break;
            }
            shown.add(PemBlocks.shown(type));
        }
        int more = types.size() - shown.size();
        return String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "");
    }

    private static boolean isCertificate(String type) {
        return type.equals("CERTIFICATE") || type.equals("X509 CERTIFICATE") || type.equals("TRUSTED CERTIFICATE");
    }
}

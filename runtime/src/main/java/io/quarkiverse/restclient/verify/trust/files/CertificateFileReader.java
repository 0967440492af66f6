package io.quarkiverse.restclient.verify.trust.files;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
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

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";
    private static final byte[] BEGIN_BYTES = "-----BEGIN".getBytes(StandardCharsets.US_ASCII);
    // Messages stay short whatever the file holds: a few labels, each cut to a readable length.
    private static final int MAX_LABELS_SHOWN = 5;
    private static final int MAX_LABEL = 64;

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
        if (indexOf(content, BEGIN_BYTES) < 0) {
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
        Lines lines = new Lines(content);
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        // A set: a list's contains() made a file of many distinct labels take quadratic time.
        Set<String> otherTypes = new LinkedHashSet<>();
        // One factory for the whole bundle: looking one up costs more than decoding a certificate.
        CertificateFactory factory = factory();
        int blocks = 0;
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i).trim();
            if (!line.startsWith(BEGIN)) {
                i++;
                continue;
            }
            int beginLine = i + 1;
            String type = label(line, BEGIN);
            blocks++;
            if (type.contains("PRIVATE KEY")) {
                // Refused before its body is read, so no part of the key can reach a message or a log.
                if (!holdsCertificate(lines)) {
                    throw new TrustMaterialException("this is a private key (BEGIN " + shown(type) + " on line "
                            + beginLine + "), not a CA bundle. Fix: point verify at the CA certificate(s) that issued"
                            + " the server's certificate; a private key of this client belongs in cert-key, next to"
                            + " its cert");
                }
                throw new TrustMaterialException("line " + beginLine + " holds a private key (BEGIN " + shown(type)
                        + "). A CA bundle must contain certificates only; treat this key as leaked and keep it out of"
                        + " trust files");
            }
            int endIndex = findEnd(lines, i + 1, type, beginLine);
            if (isCertificate(type)) {
                byte[] der = body(lines, i + 1, endIndex, type, beginLine);
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
                otherTypes.add(type);
            }
            i = endIndex + 1;
        }
        if (certificates.isEmpty() && leftOut.isEmpty()) {
            if (blocks == 0) {
                throw new TrustMaterialException("no certificate found: the file mentions -----BEGIN but no line"
                        + " starts a PEM block with it");
            }
            throw new TrustMaterialException("no certificate found (" + blocks + " PEM block" + (blocks == 1 ? "" : "s")
                    + ", none of them a CERTIFICATE; found " + labels(otherTypes) + ")");
        }
        return new CaFile(certificates, leftOut);
    }

    /** Whether any PEM block of the file is a certificate: a key with certificates is a leak, a key alone a mix-up. */
    private static boolean holdsCertificate(Lines lines) {
        for (int i = 0; i < lines.size(); i++) {
            String trimmed = lines.get(i).trim();
            if (trimmed.startsWith(BEGIN) && isCertificate(label(trimmed, BEGIN))) {
                return true;
            }
        }
        return false;
    }

    /** The index of the block's END line. */
    private static int findEnd(Lines lines, int from, String type, int beginLine) {
        for (int j = from; j < lines.size(); j++) {
            String line = lines.get(j).trim();
            if (line.startsWith(END)) {
                String endType = label(line, END);
                if (!endType.equals(type)) {
                    throw new TrustMaterialException("line " + beginLine + ": the " + shown(type) + " block that starts"
                            + " here ends on line " + (j + 1) + " with -----END " + shown(endType) + "-----; the file is"
                            + " damaged or two blocks are interleaved");
                }
                return j;
            }
            if (line.startsWith(BEGIN)) {
                // Another block begins first: the END line of this one was lost, typically by a bad copy and paste.
                break;
            }
        }
        throw new TrustMaterialException("line " + beginLine + ": the " + shown(type) + " block that starts here has no"
                + " -----END " + shown(type) + "----- line; the file is truncated or two blocks are interleaved");
    }

    private static byte[] body(Lines lines, int from, int end, String type, int beginLine) {
        StringBuilder base64 = new StringBuilder(64 * (end - from));
        boolean body = false;
        boolean innerWhitespace = false;
        for (int j = from; j < end; j++) {
            String line = lines.get(j).trim();
            if (line.isEmpty()) {
                continue;
            }
            // RFC 1421 headers (Name: value) may only precede the base64 body.
            if (!body && line.indexOf(':') > 0) {
                continue;
            }
            body = true;
            for (int k = 0; k < line.length(); k++) {
                char c = line.charAt(k);
                if (!isBase64(c)) {
                    if (!Character.isWhitespace(c)) {
                        throw new TrustMaterialException("line " + beginLine + ": the " + type + " block starting"
                                + " here is not valid base64 (line " + (j + 1) + " has " + show(c) + ")");
                    }
                    innerWhitespace = true;
                }
            }
            base64.append(line);
        }
        byte[] der;
        try {
            // The MIME decoder skips whitespace inside lines; the basic one is faster where there is none.
            der = (innerWhitespace ? Base64.getMimeDecoder() : Base64.getDecoder()).decode(base64.toString());
        } catch (IllegalArgumentException e) {
            throw new TrustMaterialException("line " + beginLine + ": the " + type + " block starting here is not"
                    + " valid base64 (" + Printable.text(e.getMessage(), MAX_LABEL) + ")", e);
        }
        if (der.length == 0) {
            throw new TrustMaterialException("line " + beginLine + ": the " + type + " block starting here is empty");
        }
        return der;
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

    /** Where the pattern first occurs in the content, or -1. */
    private static int indexOf(byte[] content, byte[] pattern) {
        outer: for (int i = 0; i <= content.length - pattern.length; i++) {
            for (int k = 0; k < pattern.length; k++) {
                if (content[i + k] != pattern[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** At most a handful of labels, each cut and escaped, then how many more there are. */
    private static String labels(Set<String> types) {
        List<String> shown = new ArrayList<>();
        for (String type : types) {
            if (shown.size() == MAX_LABELS_SHOWN) {
                break;
            }
            shown.add(shown(type));
        }
        int more = types.size() - shown.size();
        return String.join(", ", shown) + (more > 0 ? " and " + more + " more" : "");
    }

    /** A label as a message shows it: escaped, and cut when a hostile file makes it long. */
    private static String shown(String type) {
        return Printable.text(type, MAX_LABEL);
    }

    private static boolean isCertificate(String type) {
        return type.equals("CERTIFICATE") || type.equals("X509 CERTIFICATE") || type.equals("TRUSTED CERTIFICATE");
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/'
                || c == '=';
    }

    private static String show(char c) {
        return c >= 0x21 && c < 0x7f ? "the character '" + c + "'"
                : String.format(Locale.ROOT, "the byte 0x%02x", (int) c);
    }

    private static String label(String line, String marker) {
        String rest = line.substring(marker.length());
        int dashes = rest.indexOf(DASHES);
        return (dashes < 0 ? rest : rest.substring(0, dashes)).trim();
    }

    /**
     * The lines of the content, split at CR LF, CR or LF as {@code split("\\r\\n|\\r|\\n", -1)} would, each made a
     * string only when asked for. Only the line starts are kept (four bytes a line), never a copy of the whole file or
     * every line at once. ISO-8859-1 maps every byte to one char, so stray binary or UTF-8 text cannot shift line
     * numbers; a UTF-8 byte order mark (as Windows editors write it) is skipped.
     */
    private static final class Lines {
        private final byte[] content;
        private final int[] starts;

        Lines(byte[] content) {
            this.content = content;
            int from = content.length >= 3 && (content[0] & 0xff) == 0xef && (content[1] & 0xff) == 0xbb
                    && (content[2] & 0xff) == 0xbf ? 3 : 0;
            int count = 1;
            for (int i = from; i < content.length; i++) {
                if (content[i] == '\n' || (content[i] == '\r' && (i + 1 == content.length || content[i + 1] != '\n'))) {
                    count++;
                }
            }
            starts = new int[count + 1];
            starts[0] = from;
            int line = 1;
            for (int i = from; i < content.length; i++) {
                if (content[i] == '\n' || (content[i] == '\r' && (i + 1 == content.length || content[i + 1] != '\n'))) {
                    starts[line++] = i + 1;
                }
            }
            // A sentinel one past the end, so that every line ends where the next one starts.
            starts[count] = content.length + 1;
        }

        int size() {
            return starts.length - 1;
        }

        String get(int i) {
            int start = starts[i];
            int end = starts[i + 1] - 1;
            if (i + 1 < size() && end > start && content[end - 1] == '\r' && content[end] == '\n') {
                end--;
            }
            if (end > content.length) {
                end = content.length;
            }
            return new String(content, start, Math.max(0, end - start), StandardCharsets.ISO_8859_1);
        }
    }
}

package io.quarkiverse.restclient.verify.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Reads the certificates of a CA file: a PEM bundle (any number of blocks; text around them is ignored, as in
 * Debian's bundle or {@code openssl x509 -text} output) or a single DER certificate. Errors name the line of the
 * offending block and never quote key material.
 */
public final class CertificateFileReader {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";
    private static final String DASHES = "-----";

    private CertificateFileReader() {
    }

    /**
     * The certificates in the file.
     *
     * @throws TrustMaterialException when the file cannot be read or holds no usable certificate
     */
    public static List<X509Certificate> read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TrustMaterialException("cannot be read: " + describe(e), e);
        }
        return read(file.toString(), content);
    }

    /**
     * The certificates in the content, read exactly like a file.
     *
     * @param sourceName where the content comes from; messages leave it out because callers prefix their own name
     * @param content the bytes of a PEM bundle or DER certificate
     * @throws TrustMaterialException when the content holds no usable certificate
     */
    public static List<X509Certificate> read(String sourceName, byte[] content) {
        if (content == null || content.length == 0) {
            throw new TrustMaterialException("the file is empty");
        }
        // ISO-8859-1 maps every byte to one char, so stray binary or UTF-8 text cannot shift line numbers.
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (!text.contains("-----BEGIN")) {
            return readDer(content);
        }
        return readPem(text);
    }

    /** A short reason for an I/O failure, without the path that {@link FileSystemException} repeats. */
    static String describe(IOException e) {
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

    private static List<X509Certificate> readPem(String text) {
        String[] lines = lines(text);
        if (lines.length > 0 && lines[0].startsWith("\u00ef\u00bb\u00bf")) {
            // A UTF-8 byte order mark (as Windows editors write it) seen through ISO-8859-1.
            lines[0] = lines[0].substring(3);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        List<String> otherTypes = new ArrayList<>();
        // One factory for the whole bundle: looking one up costs more than decoding a certificate.
        CertificateFactory factory = factory();
        int blocks = 0;
        int i = 0;
        while (i < lines.length) {
            String line = lines[i].trim();
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
                    throw new TrustMaterialException("this is a private key (BEGIN " + type + " on line " + beginLine
                            + "), not a CA bundle. Fix: point verify at the CA certificate(s) that issued the server's"
                            + " certificate; a private key of this client belongs in cert-key, next to its cert");
                }
                throw new TrustMaterialException("line " + beginLine + " holds a private key (BEGIN " + type
                        + "). A CA bundle must contain certificates only; treat this key as leaked and keep it out of"
                        + " trust files");
            }
            int endIndex = findEnd(lines, i + 1, type, beginLine);
            if (isCertificate(type)) {
                certificates.add(certificate(factory, lines, i + 1, endIndex, type, beginLine));
            } else if (!otherTypes.contains(type)) {
                otherTypes.add(type);
            }
            i = endIndex + 1;
        }
        if (certificates.isEmpty()) {
            if (blocks == 0) {
                throw new TrustMaterialException("no certificate found: the file mentions -----BEGIN but no line"
                        + " starts a PEM block with it");
            }
            throw new TrustMaterialException("no certificate found (" + blocks + " PEM block" + (blocks == 1 ? "" : "s")
                    + ", none of them a CERTIFICATE; found " + String.join(", ", otherTypes) + ")");
        }
        return certificates;
    }

    /** Whether any PEM block of the file is a certificate: a key with certificates is a leak, a key alone a mix-up. */
    private static boolean holdsCertificate(String[] lines) {
        for (String line : lines) {
            String trimmed = line.trim();
            if (trimmed.startsWith(BEGIN) && isCertificate(label(trimmed, BEGIN))) {
                return true;
            }
        }
        return false;
    }

    /** The index of the block's END line. */
    private static int findEnd(String[] lines, int from, String type, int beginLine) {
        for (int j = from; j < lines.length; j++) {
            String line = lines[j].trim();
            if (line.startsWith(END)) {
                String endType = label(line, END);
                if (!endType.equals(type)) {
                    throw new TrustMaterialException("line " + beginLine + ": the " + type + " block that starts here"
                            + " ends on line " + (j + 1) + " with -----END " + endType + "-----; the file is damaged"
                            + " or two blocks are interleaved");
                }
                return j;
            }
            if (line.startsWith(BEGIN)) {
                // Another block begins first: the END line of this one was lost, typically by a bad copy and paste.
                break;
            }
        }
        throw new TrustMaterialException("line " + beginLine + ": the " + type + " block that starts here has no"
                + " -----END " + type + "----- line; the file is truncated or two blocks are interleaved");
    }

    private static X509Certificate certificate(CertificateFactory factory, String[] lines, int from, int end,
            String type, int beginLine) {
        StringBuilder base64 = new StringBuilder(64 * (end - from));
        boolean body = false;
        boolean innerWhitespace = false;
        for (int j = from; j < end; j++) {
            String line = lines[j].trim();
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
                    + " valid base64 (" + e.getMessage() + ")", e);
        }
        if (der.length == 0) {
            throw new TrustMaterialException("line " + beginLine + ": the " + type + " block starting here is empty");
        }
        try {
            // For TRUSTED CERTIFICATE the factory reads the leading certificate and leaves OpenSSL's trust settings.
            return parse(factory, der);
        } catch (CertificateException | RuntimeException e) {
            throw new TrustMaterialException("line " + beginLine + ": the " + type + " block starting here is not a"
                    + " valid X.509 certificate (" + e.getMessage() + ")", e);
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

    /** The lines of the text, split at CR LF, CR or LF, as {@code split("\\r\\n|\\r|\\n", -1)} without a regex. */
    private static String[] lines(String text) {
        List<String> lines = new ArrayList<>(text.length() / 64 + 1);
        int start = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < length && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(text.substring(start));
        return lines.toArray(new String[0]);
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
}

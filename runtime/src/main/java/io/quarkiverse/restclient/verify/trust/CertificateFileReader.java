package io.quarkiverse.restclient.verify.trust;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Reads the certificates of a CA file: a PEM bundle (any number of blocks; text around them is ignored, as in
 * Debian's bundle or {@code openssl x509 -text} output) or a single DER certificate. Errors say on which line.
 */
public final class CertificateFileReader {

    private static final String BEGIN = "-----BEGIN ";
    private static final String END = "-----END ";

    private CertificateFileReader() {
    }

    /** The certificates in the file. */
    public static List<X509Certificate> read(Path file) {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new TrustMaterialException("cannot be read: permission denied", e);
        } catch (IOException e) {
            throw new TrustMaterialException("cannot be read: " + e, e);
        }
        return read(file.toString(), content);
    }

    /**
     * The certificates in the content.
     *
     * @param sourceName where the content comes from, for messages
     */
    public static List<X509Certificate> read(String sourceName, byte[] content) {
        if (content.length == 0) {
            throw new TrustMaterialException("the file is empty");
        }
        String text = new String(content, StandardCharsets.ISO_8859_1);
        if (!text.contains(BEGIN)) {
            try {
                return List.of((X509Certificate) factory().generateCertificate(new ByteArrayInputStream(content)));
            } catch (CertificateException | RuntimeException e) {
                throw new TrustMaterialException("no certificate found: the file is neither a PEM bundle (no -----BEGIN"
                        + " CERTIFICATE----- line) nor a DER certificate");
            }
        }
        return readPem(text);
    }

    private static List<X509Certificate> readPem(String text) {
        List<X509Certificate> certificates = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        int blocks = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (!line.startsWith(BEGIN)) {
                continue;
            }
            int beginLine = i + 1;
            String type = label(line, BEGIN);
            blocks++;
            if (type.contains("PRIVATE KEY")) {
                throw new TrustMaterialException("line " + beginLine + " holds a private key (BEGIN " + type + "). A CA"
                        + " bundle must contain certificates only; treat this key as leaked, replace it, and keep it out"
                        + " of trust files");
            }
            StringBuilder base64 = new StringBuilder();
            int endLine = -1;
            for (int j = i + 1; j < lines.length; j++) {
                String inner = lines[j].trim();
                if (inner.startsWith(END)) {
                    endLine = j;
                    break;
                }
                if (inner.startsWith(BEGIN)) {
                    break;
                }
                // RFC 1421 headers (Proc-Type, DEK-Info) only occur in encrypted keys, refused above.
                if (!inner.contains(":")) {
                    base64.append(inner);
                }
            }
            if (endLine < 0) {
                throw new TrustMaterialException("line " + beginLine + ": the " + type + " block that starts here has no"
                        + " -----END " + type + "----- line; the file is truncated or two blocks are interleaved");
            }
            i = endLine;
            if (!isCertificate(type)) {
                continue;
            }
            byte[] der;
            try {
                der = Base64.getDecoder().decode(base64.toString().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new TrustMaterialException("line " + beginLine + ": the " + type + " block starting here is not"
                        + " valid base64 (" + e.getMessage() + ")");
            }
            try {
                certificates.add((X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der)));
            } catch (CertificateException | RuntimeException e) {
                throw new TrustMaterialException("line " + beginLine + ": the " + type + " block starting here is not a"
                        + " valid X.509 certificate (" + e.getMessage() + ")");
            }
        }
        if (certificates.isEmpty()) {
            throw new TrustMaterialException("no certificate found (" + blocks + " PEM block" + (blocks == 1 ? "" : "s")
                    + ", none of them a CERTIFICATE)");
        }
        return certificates;
    }

    private static boolean isCertificate(String type) {
        // OpenSSL's TRUSTED CERTIFICATE is a certificate followed by trust settings; the factory reads the first.
        return type.equals("CERTIFICATE") || type.equals("X509 CERTIFICATE") || type.equals("TRUSTED CERTIFICATE");
    }

    private static String label(String line, String marker) {
        String rest = line.substring(marker.length());
        int dashes = rest.indexOf("-----");
        return (dashes < 0 ? rest : rest.substring(0, dashes)).trim();
    }

    private static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }
}

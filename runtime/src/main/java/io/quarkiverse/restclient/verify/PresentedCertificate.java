package io.quarkiverse.restclient.verify;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.quarkiverse.restclient.verify.trust.Fingerprints;
import io.quarkiverse.restclient.verify.trust.Printable;

/**
 * One certificate of the chain a server presented, as evidence for people: no key material, only what
 * {@code openssl x509 -noout -subject -issuer -dates -ext subjectAltName -fingerprint -sha256} would show.
 *
 * @param subject the subject distinguished name
 * @param issuer the issuer distinguished name
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param dnsNames DNS subject alternative names
 * @param ipAddresses IP address subject alternative names
 * @param sha256 SHA-256 fingerprint, colon-separated upper-case hex
 * @param signatureAlgorithm the algorithm the issuer signed it with
 * @param ca whether it is a CA certificate
 */
public record PresentedCertificate(String subject, String issuer, Instant notBefore, Instant notAfter,
        List<String> dnsNames, List<String> ipAddresses, String sha256, String signatureAlgorithm, boolean ca) {

    private static final int DNS = 2;
    private static final int IP = 7;
    private static final int MAX_NAMES_SHOWN = 20;

    /** The evidence of one certificate. */
    public static PresentedCertificate of(X509Certificate certificate) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    // A server chooses these; escaped so that they cannot forge a log line or a message line.
                    if (type == DNS) {
                        dns.add(Printable.text(String.valueOf(name.get(1)), Printable.MAX_NAME));
                    } else if (type == IP) {
                        ips.add(Printable.text(String.valueOf(name.get(1)), Printable.MAX_NAME));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // A broken SAN extension is itself evidence; the names stay empty.
        }
        return new PresentedCertificate(Printable.name(certificate.getSubjectX500Principal()),
                Printable.name(certificate.getIssuerX500Principal()), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), List.copyOf(dns), List.copyOf(ips),
                Fingerprints.sha256(certificate), certificate.getSigAlgName(), certificate.getBasicConstraints() >= 0);
    }

    /** Whether subject and issuer are the same name. */
    public boolean selfIssued() {
        return subject.equals(issuer);
    }

    /** The names a client may call this server by, e.g. {@code DNS:localhost, IP:127.0.0.1}. */
    public String names() {
        List<String> all = new ArrayList<>();
        dnsNames.forEach(name -> all.add("DNS:" + name));
        ipAddresses.forEach(ip -> all.add("IP:" + ip));
        if (all.isEmpty()) {
            return "no subject alternative names";
        }
        // A certificate may list thousands of names; a message shows a readable few.
        int shown = Math.min(all.size(), MAX_NAMES_SHOWN);
        return String.join(", ", all.subList(0, shown)) + (all.size() > shown ? " and " + (all.size() - shown)
                + " more" : "");
    }
}

package io.quarkiverse.restclient.verify.trust.rules;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.ValidatedPath;

/**
 * The rules of strict mode ({@link PathRule}), judged on the validated path: the server's certificate, the
 * intermediates PKIX chose, and the trust anchor. The anchor is trusted by configuration, so only its name
 * constraints and path length count; every certificate below it is judged in full. Stateless.
 */
public final class StrictPathRules {

    /** webpki's limit on intermediates; public chains have one or two. */
    static final int MAX_INTERMEDIATES = 6;
    /** CA/Browser Forum Baseline Requirements 6.3.2, for certificates issued since 2020-09-01. */
    static final Duration MAX_SERVER_VALIDITY = Duration.ofDays(398);
    private static final int MAX_SERIAL_OCTETS = 20;
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;
    /** The critical extensions webpki understands; any other critical one refuses the certificate. */
    private static final Set<String> KNOWN_CRITICAL = Set.of(Extension.basicConstraints.getId(),
            Extension.keyUsage.getId(), Extension.extendedKeyUsage.getId(), Extension.subjectAlternativeName.getId(),
            Extension.nameConstraints.getId(), Extension.cRLDistributionPoints.getId());

    private StrictPathRules() {
    }

    /**
     * Refuses the path when one of its certificates breaks a rule.
     *
     * @throws PathRuleViolationException naming the rule and the certificate; a name constraint is refused with a
     *         {@link NameConstraintViolationException}
     */
    static void check(ValidatedPath path) throws CertificateException {
        List<X509Certificate> below = path.certificates();
        if (below.isEmpty()) {
            // The server's certificate is itself in the client's trust: trusted by configuration, as the anchor is.
            return;
        }
        X509Certificate leaf = below.get(0);
        for (int i = 0; i < below.size(); i++) {
            X509Certificate certificate = below.get(i);
            checkFormat(certificate, i);
            checkCriticalExtensions(certificate, i);
            checkKey(certificate, i);
            checkSignature(certificate, i);
            checkKeyIdentifiers(certificate, path.issuerOf(i), i);
        }
        checkServerCertificate(leaf);
        for (int i = 1; i < below.size(); i++) {
            checkCa(below.get(i), i);
        }
        checkPathLengths(path);
        List<X509Certificate> all = path.withAnchor();
        for (int j = 1; j < all.size(); j++) {
            CaNameConstraints constraints = CaNameConstraints.of(all.get(j));
            if (constraints != null) {
                constraints.check(all.subList(0, j));
            }
        }
    }

    /**
     * The rules for what a CA certificate carries of its own (its key and extensions), as a cross-certificate of the
     * same CA carries them too: the signature, the serial number and the links belong to its issuer.
     */
    public static void checkCaContent(X509Certificate ca) throws CertificateException {
        checkCriticalExtensions(ca, 1);
        checkKey(ca, 1);
        checkCa(ca, 1);
    }

    private static String which(X509Certificate certificate, int index) {
        String name = "'" + Printable.name(certificate.getSubjectX500Principal()) + "'";
        return index == 0 ? "the server's certificate " + name
                : index < 0 ? "the trust anchor " + name : "the intermediate CA " + name;
    }

    private static PathRuleViolationException broken(PathRule rule, X509Certificate certificate, int index,
            String detail) {
        return new PathRuleViolationException(rule, which(certificate, index), detail, true);
    }

    private static void checkFormat(X509Certificate certificate, int index) throws CertificateException {
        if (certificate.getVersion() != 3) {
            throw broken(PathRule.CERTIFICATE_FORMAT, certificate, index,
                    "it is X.509 version " + certificate.getVersion());
        }
        if (certificate.getIssuerUniqueID() != null || certificate.getSubjectUniqueID() != null) {
            throw broken(PathRule.CERTIFICATE_FORMAT, certificate, index, "it carries a unique identifier");
        }
        BigInteger serial = certificate.getSerialNumber();
        if (serial.signum() <= 0) {
            throw broken(PathRule.SERIAL_NUMBER, certificate, index, "its serial number is " + serial);
        }
        int octets = serial.toByteArray().length;
        if (octets > MAX_SERIAL_OCTETS) {
            throw broken(PathRule.SERIAL_NUMBER, certificate, index,
                    "its serial number is " + octets + " octets long");
        }
    }

    private static void checkCriticalExtensions(X509Certificate certificate, int index) throws CertificateException {
        Set<String> critical = certificate.getCriticalExtensionOIDs();
        if (critical == null) {
            return;
        }
        for (String oid : critical) {
            if (!KNOWN_CRITICAL.contains(oid)) {
                throw broken(PathRule.CRITICAL_EXTENSIONS, certificate, index,
                        "it has the critical extension " + Printable.text(oid, 100) + ", which this client does not"
                                + " understand");
            }
        }
    }

    private static void checkKey(X509Certificate certificate, int index) throws CertificateException {
        PublicKey key = certificate.getPublicKey();
        if (key instanceof RSAPublicKey) {
            int bits = ((RSAPublicKey) key).getModulus().bitLength();
            if (bits < 2048) {
                throw broken(PathRule.KEYS, certificate, index, "its RSA key has " + bits + " bits");
            }
        } else if (key instanceof ECPublicKey) {
            int bits = ((ECPublicKey) key).getParams().getCurve().getField().getFieldSize();
            if (bits != 256 && bits != 384) {
                throw broken(PathRule.KEYS, certificate, index, "its EC key is on a " + bits + "-bit curve");
            }
        } else if (!key.getAlgorithm().equals("Ed25519") && !key.getAlgorithm().equals("EdDSA")) {
            throw broken(PathRule.KEYS, certificate, index, "its key is of the kind " + key.getAlgorithm());
        }
    }

    private static void checkSignature(X509Certificate certificate, int index) throws CertificateException {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        if (algorithm.contains("SHA1") || algorithm.contains("MD5") || algorithm.contains("MD2")
                || algorithm.contains("SHA224")) {
            throw broken(PathRule.KEYS, certificate, index, "it is signed with " + certificate.getSigAlgName());
        }
    }

    /**
     * The server's certificate names its issuer's key, and no certificate names another key than its issuer's. A CA
     * without a subject key identifier is let pass: some public roots lack one (TWCA Global Root CA), so their
     * cross-certificates may too.
     */
    private static void checkKeyIdentifiers(X509Certificate certificate, X509Certificate issuer, int index)
            throws CertificateException {
        if (index == 0 && keyIdentifier(certificate, Extension.authorityKeyIdentifier.getId()) == null) {
            throw broken(PathRule.KEY_IDENTIFIERS, certificate, index, "it has no authority key identifier");
        }
        String mismatch = keyIdentifierMismatch(certificate, issuer);
        if (mismatch != null) {
            throw broken(PathRule.KEY_IDENTIFIERS, certificate, index, mismatch);
        }
    }

    /** How the certificate's authority key identifier contradicts its issuer's subject key identifier, or null. */
    private static String keyIdentifierMismatch(X509Certificate certificate, X509Certificate issuer)
            throws CertificateException {
        byte[] authority = keyIdentifier(certificate, Extension.authorityKeyIdentifier.getId());
        byte[] issuerKey = keyIdentifier(issuer, Extension.subjectKeyIdentifier.getId());
        if (authority != null && issuerKey != null && !Arrays.equals(authority, issuerKey)) {
            return "its authority key identifier " + hex(authority) + " is not the subject key identifier "
                    + hex(issuerKey) + " of its issuer '" + Printable.name(issuer.getSubjectX500Principal()) + "'";
        }
        return null;
    }

    /** The key identifier of an authority or subject key identifier extension; null when absent or without one. */
    static byte[] keyIdentifier(X509Certificate certificate, String oid) throws CertificateException {
        byte[] value = certificate.getExtensionValue(oid);
        if (value == null) {
            return null;
        }
        try {
            byte[] octets = ASN1OctetString.getInstance(value).getOctets();
            return oid.equals(Extension.authorityKeyIdentifier.getId())
                    ? AuthorityKeyIdentifier.getInstance(octets).getKeyIdentifierObject() == null ? null
                            : AuthorityKeyIdentifier.getInstance(octets).getKeyIdentifierObject().getOctets()
                    : SubjectKeyIdentifier.getInstance(octets).getKeyIdentifier();
        } catch (RuntimeException e) {
            throw new PathRuleViolationException(PathRule.KEY_IDENTIFIERS,
                    "'" + Printable.name(certificate.getSubjectX500Principal()) + "'",
                    "its key identifier extension " + oid + " cannot be read", true);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02x", b));
        }
        return text.toString();
    }

    private static void checkServerCertificate(X509Certificate leaf) throws CertificateException {
        if (leaf.getBasicConstraints() >= 0) {
            throw broken(PathRule.SERVER_NOT_CA, leaf, 0, "its basic constraints say it is a CA");
        }
        boolean[] usage = leaf.getKeyUsage();
        if (usage != null) {
            if ((usage.length > 5 && usage[5]) || (usage.length > 6 && usage[6])) {
                throw broken(PathRule.KEY_USAGE, leaf, 0, "its key usage allows signing certificates or CRLs");
            }
            if (!(usage.length > 0 && usage[0]) && !(usage.length > 2 && usage[2])) {
                throw broken(PathRule.KEY_USAGE, leaf, 0,
                        "its key usage allows neither digitalSignature nor keyEncipherment");
            }
        }
        List<String> purposes = extendedKeyUsage(leaf, 0);
        if (purposes == null) {
            throw broken(PathRule.EXTENDED_KEY_USAGE, leaf, 0, "it has no extended key usage");
        }
        if (purposes.contains(ANY_EXTENDED_KEY_USAGE)) {
            throw broken(PathRule.EXTENDED_KEY_USAGE, leaf, 0, "it lists anyExtendedKeyUsage");
        }
        if (!purposes.contains(SERVER_AUTH)) {
            throw broken(PathRule.EXTENDED_KEY_USAGE, leaf, 0, "it does not list serverAuth");
        }
        Duration validity = Duration.between(leaf.getNotBefore().toInstant(), leaf.getNotAfter().toInstant());
        if (validity.compareTo(MAX_SERVER_VALIDITY) > 0) {
            throw broken(PathRule.VALIDITY_PERIOD, leaf, 0, "it is valid for " + validity.toDays() + " days");
        }
        checkNames(leaf);
    }

    private static List<String> extendedKeyUsage(X509Certificate certificate, int index) throws CertificateException {
        try {
            return certificate.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw broken(PathRule.EXTENDED_KEY_USAGE, certificate, index, "its extended key usage cannot be read");
        }
    }

    private static void checkNames(X509Certificate leaf) throws CertificateException {
        Collection<List<?>> names;
        try {
            names = leaf.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            throw broken(PathRule.SUBJECT_ALT_NAMES, leaf, 0, "its subject alternative names cannot be read");
        }
        List<String> dnsNames = new ArrayList<>();
        List<String> addresses = new ArrayList<>();
        if (names != null) {
            for (List<?> name : names) {
                if (name.size() < 2 || !(name.get(0) instanceof Integer) || !(name.get(1) instanceof String)) {
                    continue;
                }
                int kind = (Integer) name.get(0);
                if (kind == DNS_NAME) {
                    dnsNames.add((String) name.get(1));
                } else if (kind == IP_ADDRESS) {
                    addresses.add((String) name.get(1));
                }
            }
        }
        if (dnsNames.isEmpty() && addresses.isEmpty()) {
            throw broken(PathRule.SUBJECT_ALT_NAMES, leaf, 0, "it lists no DNS name or IP address as a subject"
                    + " alternative name");
        }
        for (String dnsName : dnsNames) {
            String problem = dnsNameProblem(dnsName);
            if (problem != null) {
                throw broken(PathRule.DNS_NAMES, leaf, 0, "its DNS name " + Printable.text(dnsName, 300) + " "
                        + problem);
            }
        }
        for (String cn : commonNames(leaf)) {
            if (!copyOfAName(cn, dnsNames, addresses)) {
                throw broken(PathRule.SUBJECT_ALT_NAMES, leaf, 0, "its CN " + Printable.text(cn, 300)
                        + " is not one of its subject alternative names");
            }
        }
    }

    /** What is wrong with a DNS name of a server certificate, or null. */
    static String dnsNameProblem(String name) {
        if (name.isEmpty() || name.length() > 253) {
            return "is not a host name (empty or longer than 253 characters)";
        }
        String[] labels = name.split("\\.", -1);
        for (int i = 0; i < labels.length; i++) {
            String label = labels[i];
            if (label.indexOf('*') >= 0) {
                if (i != 0 || !label.equals("*")) {
                    return "has a wildcard that is not the whole left-most label";
                }
                if (labels.length < 3) {
                    return "has a wildcard directly above a top-level domain";
                }
                continue;
            }
            if (label.isEmpty() || label.length() > 63) {
                return "has an empty label or one longer than 63 characters";
            }
            for (int j = 0; j < label.length(); j++) {
                char c = label.charAt(j);
                boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!letterOrDigit && !(c == '-' && j > 0 && j < label.length() - 1) && c != '_') {
                    return "has a character a host name cannot have";
                }
            }
        }
        return null;
    }

    private static List<String> commonNames(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String) {
                    names.add((String) rdn.getValue());
                }
            }
        } catch (InvalidNameException e) {
            // The JDK wrote the name itself; it always reads back.
        }
        return names;
    }

    private static boolean copyOfAName(String cn, List<String> dnsNames, List<String> addresses) {
        for (String dnsName : dnsNames) {
            if (dnsName.equalsIgnoreCase(cn)) {
                return true;
            }
        }
        for (String address : addresses) {
            try {
                if (SubjectAltNamesOnlyTrustManager.isAddress(cn)
                        && InetAddress.getByName(cn).equals(InetAddress.getByName(address))) {
                    return true;
                }
            } catch (UnknownHostException e) {
                // Not an address literal: not a copy.
            }
        }
        return false;
    }

    private static void checkCa(X509Certificate ca, int index) throws CertificateException {
        if (ca.getBasicConstraints() < 0) {
            throw broken(PathRule.BASIC_CONSTRAINTS, ca, index, "its basic constraints do not say it is a CA");
        }
        boolean[] usage = ca.getKeyUsage();
        if (usage != null && !(usage.length > 5 && usage[5])) {
            throw broken(PathRule.KEY_USAGE, ca, index, "its key usage does not allow signing certificates");
        }
        if (!caMayIssueForServers(ca, index)) {
            throw broken(PathRule.EXTENDED_KEY_USAGE, ca, index, "its extended key usage does not include serverAuth");
        }
    }

    /** Whether a server certificate lists anyExtendedKeyUsage but not serverAuth, which the JDK takes for serverAuth. */
    static boolean anyPurposeOnly(X509Certificate leaf) throws CertificateException {
        List<String> purposes = extendedKeyUsage(leaf, 0);
        return purposes != null && purposes.contains(ANY_EXTENDED_KEY_USAGE) && !purposes.contains(SERVER_AUTH);
    }

    /** Whether a CA's extended key usage, if it has one, allows TLS servers below it. */
    private static boolean caMayIssueForServers(X509Certificate ca, int index) throws CertificateException {
        List<String> purposes = extendedKeyUsage(ca, index);
        return purposes == null || purposes.contains(SERVER_AUTH) || purposes.contains(ANY_EXTENDED_KEY_USAGE);
    }

    /** Path lengths of every CA, the anchor's included, which the JDK ignores on an anchor. */
    private static void checkPathLengths(ValidatedPath path) throws CertificateException {
        List<X509Certificate> all = path.withAnchor();
        checkPathLengths(all, true);
        int intermediates = all.size() - 2;
        if (intermediates > MAX_INTERMEDIATES) {
            throw broken(PathRule.BASIC_CONSTRAINTS, all.get(0), 0, "its path has " + intermediates
                    + " intermediate CAs");
        }
    }

    private static void checkPathLengths(List<X509Certificate> all, boolean strict) throws CertificateException {
        for (int j = 1; j < all.size(); j++) {
            X509Certificate ca = all.get(j);
            int allowed = ca.getBasicConstraints();
            if (allowed < 0 || allowed == Integer.MAX_VALUE) {
                continue;
            }
            int casBelow = 0;
            for (int k = 1; k < j; k++) {
                X509Certificate below = all.get(k);
                if (!below.getSubjectX500Principal().equals(below.getIssuerX500Principal())) {
                    casBelow++;
                }
            }
            if (casBelow > allowed) {
                throw new PathRuleViolationException(PathRule.BASIC_CONSTRAINTS,
                        which(ca, j == all.size() - 1 ? -1 : j), "its path length constraint allows " + allowed + " CA"
                                + (allowed == 1 ? "" : "s") + " below it, and the path has " + casBelow,
                        strict);
            }
        }
    }

    /**
     * The rules OpenSSL (hence Python requests) applies and the JDK does not, applied by default: the trust anchor's
     * path length, authority key identifiers that contradict the issuer's subject key identifier, CAs whose extended
     * key usage excludes TLS servers, and a server certificate for anyExtendedKeyUsage only.
     */
    static void checkAsOpenSsl(ValidatedPath path) throws CertificateException {
        List<X509Certificate> below = path.certificates();
        if (!below.isEmpty() && anyPurposeOnly(below.get(0))) {
            throw new PathRuleViolationException(PathRule.EXTENDED_KEY_USAGE, which(below.get(0), 0),
                    "it lists anyExtendedKeyUsage, not serverAuth", false);
        }
        for (int i = 0; i < below.size(); i++) {
            String mismatch = keyIdentifierMismatch(below.get(i), path.issuerOf(i));
            if (mismatch != null) {
                throw new PathRuleViolationException(PathRule.KEY_IDENTIFIERS, which(below.get(i), i), mismatch,
                        false);
            }
            if (i > 0 && !caMayIssueForServers(below.get(i), i)) {
                throw new PathRuleViolationException(PathRule.EXTENDED_KEY_USAGE, which(below.get(i), i),
                        "its extended key usage does not include serverAuth", false);
            }
        }
        checkPathLengths(path.withAnchor(), false);
    }
}

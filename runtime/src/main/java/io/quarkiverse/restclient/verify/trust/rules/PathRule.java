package io.quarkiverse.restclient.verify.trust.rules;

/**
 * The rules judged on servers' certificate paths, after those of webpki (rustls)
 * and the CA/Browser Forum's Baseline Requirements for server certificates, as strict mode ({@code verify-strict})
 * applies them; a few (anchor path lengths, key identifier links, CA extended key usage) are also applied by default,
 * as OpenSSL applies them. Each has the short name messages and the
 * documentation use.
 */
public enum PathRule {

    /** Name constraints of every CA of the path, the trust anchor's included, over every certificate below it. */
    NAME_CONSTRAINTS("name-constraints", "the names of every certificate lie within the name constraints of every CA"
            + " above it, the trust anchor's included"),
    /** Authority and subject key identifiers link each certificate to its issuer. */
    KEY_IDENTIFIERS("key-identifiers", "the server's certificate names its issuer's key (authority key identifier),"
            + " and no certificate names another key than its issuer's subject key identifier"),
    /** Syntax of the server's DNS names, wildcards included. */
    DNS_NAMES("dns-names", "every DNS name of the server's certificate is a valid host name, with a wildcard only as"
            + " the whole left-most label of a name of at least three labels"),
    /** The server's certificate lists its names as subject alternative names, and its CN is one of them. */
    SUBJECT_ALT_NAMES("subject-alt-names", "the server's certificate lists its names as subject alternative names,"
            + " and its CN, if it has one, is a copy of one of them"),
    /** The server's certificate is not a CA. */
    SERVER_NOT_CA("server-not-ca", "the server's certificate is not a CA certificate"),
    /** Extended key usage of the server's certificate and of the CAs. */
    EXTENDED_KEY_USAGE("extended-key-usage", "the server's certificate lists serverAuth and not"
            + " anyExtendedKeyUsage; a CA certificate that lists extended key usages includes serverAuth or"
            + " anyExtendedKeyUsage"),
    /** Key usage of the server's certificate and of the CAs. */
    KEY_USAGE("key-usage", "a server certificate's key usage, if present, allows TLS (digitalSignature or"
            + " keyEncipherment) and not certificate or CRL signing; a CA certificate's allows certificate signing"),
    /** Basic constraints and path length, the trust anchor's included. */
    BASIC_CONSTRAINTS("basic-constraints", "every CA certificate says it is a CA, no CA has more CAs below it than its"
            + " path length constraint allows (the trust anchor's included), and a path has at most 6 intermediates"),
    /** Serial numbers. */
    SERIAL_NUMBER("serial-number", "serial numbers are positive and at most 20 octets long"),
    /** Critical extensions. */
    CRITICAL_EXTENSIONS("critical-extensions", "no certificate below the trust anchor has a critical extension other"
            + " than basic constraints, key usage, extended key usage, subject alternative names, name constraints and"
            + " CRL distribution points"),
    /** Certificate format. */
    CERTIFICATE_FORMAT("certificate-format", "every certificate below the trust anchor is X.509 version 3 without"
            + " unique identifiers"),
    /** Keys and signature algorithms. */
    KEYS("keys", "keys are RSA of at least 2048 bits, EC on P-256 or P-384, or Ed25519, and signatures use SHA-256 or"
            + " stronger"),
    /** Validity period of the server's certificate. */
    VALIDITY_PERIOD("validity-period", "the server's certificate is valid for at most 398 days, as public CAs have"
            + " issued them since September 2020");

    private final String id;
    private final String summary;

    PathRule(String id, String summary) {
        this.id = id;
        this.summary = summary;
    }

    /** The short name, e.g. {@code serial-number}. */
    public String id() {
        return id;
    }

    /** What the rule asks, in one sentence. */
    public String summary() {
        return summary;
    }
}

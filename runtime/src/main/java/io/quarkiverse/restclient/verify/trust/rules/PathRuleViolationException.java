package io.quarkiverse.restclient.verify.trust.rules;

import java.security.cert.CertificateException;

/**
 * A certificate of the validated path breaks a rule the JDK's checks do not make: one that OpenSSL, hence Python
 * requests, makes too (checked by default), or one of strict mode ({@code verify-strict}, after webpki and the
 * CA/Browser Forum). Carries the rule, the certificate, what is wrong, and which of the two refused.
 */
public final class PathRuleViolationException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final PathRule rule;
    private final String certificate;
    private final String detail;
    private final boolean strict;

    PathRuleViolationException(PathRule rule, String certificate, String detail, boolean strict) {
        super((strict ? "strict mode: " : "") + certificate + " breaks the rule " + rule.id() + " (" + rule.summary()
                + "): " + detail + (strict ? "" : " (OpenSSL, as Python requests uses it, refuses it too)"));
        this.rule = rule;
        this.certificate = certificate;
        this.detail = detail;
        this.strict = strict;
    }

    /** The rule that was broken. */
    public PathRule rule() {
        return rule;
    }

    /** Which certificate of the path, e.g. {@code the server's certificate 'CN=api.example.com'}, printable. */
    public String certificate() {
        return certificate;
    }

    /** What is wrong with it, printable. */
    public String detail() {
        return detail;
    }

    /** Whether strict mode refused (else the checks every client makes). */
    public boolean strict() {
        return strict;
    }
}

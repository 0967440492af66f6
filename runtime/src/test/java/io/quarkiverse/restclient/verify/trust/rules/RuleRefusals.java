package io.quarkiverse.restclient.verify.trust.rules;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/** The refusals of the path rules, made outside their checks, for tests of what reads them (the diagnosis). */
public final class RuleRefusals {

    private RuleRefusals() {
    }

    public static CertificateException nameConstraintViolation(String ca, String certificate, String name,
            String constraints, boolean excluded) {
        return new NameConstraintViolationException(ca, certificate, name, constraints, excluded);
    }

    public static CertificateException pathRuleViolation(PathRule rule, String certificate, String detail,
            boolean strict) {
        return new PathRuleViolationException(rule, certificate, detail, strict);
    }

    public static CertificateException hostNamedOnlyInCommonName(String host, X509Certificate leaf) {
        return new HostNamedOnlyInCommonNameException(host, leaf);
    }
}

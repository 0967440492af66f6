package io.quarkiverse.restclient.verify.trust.rules;

import java.security.cert.CertificateException;

/**
 * A certificate of the validated path holds a name that the name constraints of a CA above it do not allow: the
 * constraint is the trust anchor's own (which the JDK ignores, OpenSSL and Python requests enforce: "permitted
 * subtree violation", "excluded subtree violation"), or, in strict mode, an intermediate's. The CA was not allowed to
 * vouch for that name, so the chain proves nothing about it.
 */
public final class NameConstraintViolationException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final String constrainingCa;
    private final String certificate;
    private final String name;
    private final String constraints;
    private final boolean excluded;

    NameConstraintViolationException(String constrainingCa, String certificate, String name, String constraints,
            boolean excluded) {
        super("the name " + name + " of the certificate '" + certificate + "' is "
                + (excluded ? "excluded by" : "outside") + " the name constraints of the CA '" + constrainingCa
                + "', which " + constraints + " (" + (excluded ? "excluded" : "permitted") + " subtree violation"
                + "): that CA may not vouch for it");
        this.constrainingCa = constrainingCa;
        this.certificate = certificate;
        this.name = name;
        this.constraints = constraints;
        this.excluded = excluded;
    }

    /** The subject of the CA whose name constraints refuse the name, printable. */
    public String constrainingCa() {
        return constrainingCa;
    }

    /** The subject of the certificate that holds the name, printable. */
    public String certificate() {
        return certificate;
    }

    /** The refused name with its kind, e.g. {@code DNS:localhost}, printable. */
    public String name() {
        return name;
    }

    /** The CA's constraints in words, e.g. {@code permits only DNS:example.com}. */
    public String constraints() {
        return constraints;
    }

    /** Whether an excluded subtree holds the name (else no permitted subtree holds it). */
    public boolean excluded() {
        return excluded;
    }
}

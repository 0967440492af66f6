package io.quarkiverse.restclient.verify.trust.revocation;

import java.security.cert.CertificateException;

/**
 * Under {@link RevocationMode#HARD_FAIL}, the revocation status of a certificate of the validated path could not be
 * learnt: its responder did not answer, answered "unknown", or sent an answer that cannot be trusted.
 */
public final class RevocationUnknownException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final String subject;
    private final String responder;
    private final String problem;
    private final String property;

    /**
     * @param subject the certificate whose status is unknown
     * @param responder the OCSP responder or CRL distribution point asked, or null when the certificate names none
     * @param problem what went wrong, e.g. {@code connection refused}
     * @param property the {@code verify-revocation} property that asks for hard-fail
     */
    public RevocationUnknownException(String subject, String responder, String problem, String property) {
        super("the revocation status of '" + subject + "' is unknown: "
                + (responder == null || problem.startsWith(responder) ? "" : responder + ": ")
                + problem + " (" + property + "=hard-fail)");
        this.subject = subject;
        this.responder = responder;
        this.problem = problem;
        this.property = property;
    }

    /** The certificate whose status is unknown. */
    public String subject() {
        return subject;
    }

    /** The responder asked, or null when the certificate names none. */
    public String responder() {
        return responder;
    }

    /** What went wrong. */
    public String problem() {
        return problem;
    }

    /** The property that asks for hard-fail. */
    public String property() {
        return property;
    }
}

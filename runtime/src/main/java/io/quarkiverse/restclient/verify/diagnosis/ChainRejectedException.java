package io.quarkiverse.restclient.verify.diagnosis;

import java.security.cert.CertificateException;

/**
 * The trust manager's rejection of one handshake, carrying what it saw: the chain the server presented in that very
 * handshake. It travels with the failure up to the caller, so an explanation never borrows another handshake's chain.
 * The trust manager's own exception is its cause, so every detail of the decision stays readable.
 */
public final class ChainRejectedException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final transient HandshakeEvidence evidence;

    ChainRejectedException(HandshakeEvidence evidence) {
        super(evidence.failure().getMessage(), evidence.failure());
        this.evidence = evidence;
    }

    /** The chain of the rejected handshake, and the trust manager's verdict. */
    public HandshakeEvidence evidence() {
        return evidence;
    }
}

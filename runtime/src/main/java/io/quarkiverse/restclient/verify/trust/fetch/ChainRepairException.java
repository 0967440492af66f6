package io.quarkiverse.restclient.verify.trust.fetch;

import java.security.cert.CertificateException;
import java.util.List;
import java.util.Optional;

/**
 * The server's chain lacked an issuer and fetching it from the certificates' caIssuers URLs did not make it trusted.
 * The cause is the trust manager's own verdict on the longest chain tried; the attempts say what was fetched and why
 * it did not help.
 */
public final class ChainRepairException extends CertificateException {

    private static final long serialVersionUID = 1L;

    private final transient List<FetchAttempt> attempts;
    private final String untrustedRoot;

    /** A failed repair with what was tried; the cause is the final verdict of the client's trust. */
    public ChainRepairException(List<FetchAttempt> attempts, CertificateException cause) {
        this(attempts, cause, null);
    }

    /**
     * A failed repair whose completed chain still leads to a root CA the client does not trust.
     *
     * @param untrustedRoot the name of that root CA, escaped, or null when unknown or not the reason
     */
    public ChainRepairException(List<FetchAttempt> attempts, CertificateException cause, String untrustedRoot) {
        super("the server's chain lacks an issuer, and fetching it did not help: " + (attempts.isEmpty()
                ? "the certificates name no caIssuers URL"
                : String.join("; ", attempts.stream().map(FetchAttempt::toString).toList())), cause);
        this.attempts = List.copyOf(attempts);
        this.untrustedRoot = untrustedRoot;
    }

    /** The root CA the fetched chain leads to, which the client does not trust: the CA to add, if it is trusted. */
    public Optional<String> untrustedRoot() {
        return Optional.ofNullable(untrustedRoot);
    }

    /** The URLs tried, in order, with what came of each. */
    public List<FetchAttempt> attempts() {
        return attempts;
    }
}

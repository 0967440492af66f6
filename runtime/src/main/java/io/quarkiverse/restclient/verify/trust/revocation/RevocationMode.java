package io.quarkiverse.restclient.verify.trust.revocation;

import java.util.Locale;

/** How a client checks whether the certificates of a server's chain were revoked. */
public enum RevocationMode {
    /** No revocation checks beyond the configured CRL files. */
    OFF,
    /** The OCSP response the server staples, and the configured CRL files; never the network. */
    STAPLED,
    /**
     * As {@link #STAPLED}, and the OCSP responder or CRL distribution point named in the certificates when no stapled
     * answer covers a certificate; a call proceeds when no answer can be had.
     */
    SOFT_FAIL,
    /** As {@link #SOFT_FAIL}, but a certificate whose status cannot be learnt is rejected. */
    HARD_FAIL;

    /** The value as written in configuration, e.g. {@code soft-fail}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Whether this mode asks responders over the network. */
    public boolean online() {
        return this == SOFT_FAIL || this == HARD_FAIL;
    }
}

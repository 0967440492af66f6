package io.quarkiverse.restclient.verify.trust.fetch;

import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.lookups.PkiLookups;

/**
 * One caIssuers URL tried while repairing a chain, and what came of it. The URL comes from a certificate nobody trusts
 * yet, so it is shown escaped ({@link Printable}).
 *
 * @param url the URL as the certificate names it, or null when the certificate names none
 * @param outcome what happened, in words, e.g. {@code unreachable (connection refused)} or
 *        {@code too large (more than 65536 bytes)}
 */
public record FetchAttempt(String url, String outcome) {

    @Override
    public String toString() {
        return url == null ? outcome : PkiLookups.shown(url) + ": " + outcome;
    }
}

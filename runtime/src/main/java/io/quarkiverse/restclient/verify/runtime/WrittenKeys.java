package io.quarkiverse.restclient.verify.runtime;

import java.util.List;
import java.util.Optional;

/**
 * Keys of one client's settings as the user wrote them, for messages that must name what the user can find in their
 * configuration.
 *
 * @param tls this extension's TLS properties written for the client ({@code verify}, {@code verify-pins},
 *        {@code verify-crl}, {@code verify-revocation}, {@code verify-fetch-intermediates}, {@code verify-strict},
 *        {@code cert}), in that order
 * @param url the REST client's {@code url} or {@code uri} key of the client, when one is set
 */
public record WrittenKeys(List<String> tls, Optional<String> url) {

    /** The properties that make a client's calls use TLS settings of this extension, in the order listed. */
    static final List<String> TLS_PROPERTIES = List.of("verify", "verify-pins", "verify-crl", "verify-revocation",
            "verify-fetch-intermediates", "verify-strict", "cert");

    /** No key written for the client. */
    public static WrittenKeys none() {
        return new WrittenKeys(List.of(), Optional.empty());
    }

    public WrittenKeys {
        tls = List.copyOf(tls);
    }

    /** The keys of the checks that run on the server's certificate after it is verified: pins and revocation. */
    List<String> pathChecks() {
        return tls.stream().filter(key -> key.endsWith(".verify-pins") || key.endsWith(".verify-crl")
                || key.endsWith(".verify-revocation")).toList();
    }
}

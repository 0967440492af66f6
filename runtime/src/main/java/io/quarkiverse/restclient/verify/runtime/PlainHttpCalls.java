package io.quarkiverse.restclient.verify.runtime;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Calls to a plain {@code http://} URL by a client with TLS settings of this extension: nothing is encrypted or
 * verified, so those settings protect nothing. Told once per client, at start-up for a configured URL, else at the
 * first such call. With {@code verify-insecure=deny}, a client with pins or revocation checks is refused such a call:
 * deny means nothing unverified.
 */
public final class PlainHttpCalls {

    private static final Logger LOG = Logger.getLogger(PlainHttpCalls.class);
    /** The text naming a URL given in code, where the user has no property to look at. */
    static final String URL_IN_CODE = "the URL given in code";

    private final InsecurePolicy policy;
    /** The clients told about already, by client name: one line per client, however many calls it makes. */
    private final Set<String> told = ConcurrentHashMap.newKeySet();

    PlainHttpCalls(InsecurePolicy policy) {
        this.policy = policy;
    }

    /**
     * At start-up: warns about the client's configured {@code http://} URL, or fails the start when it is refused.
     *
     * @return whether the client's URL is plain HTTP and was told about, so that its start-up line is not logged as if
     *         its trust applied
     */
    boolean checkConfigured(ClientTrust trust) {
        Optional<URI> url = trust.url().filter(PlainHttpCalls::plain);
        if (url.isEmpty() || trust.written().tls().isEmpty()) {
            return false;
        }
        String where = trust.written().url().orElse(URL_IN_CODE);
        refusal(trust, url.get(), where).ifPresent(message -> {
            throw new ConfigurationException(message);
        });
        tell(trust, url.get(), where);
        return true;
    }

    /**
     * At a call: warns once per client about a plain {@code http://} URL, or refuses the call.
     *
     * @param requested the URL of the request
     * @throws IllegalStateException when the call is refused
     */
    public void checkCall(ClientTrust trust, URI requested) {
        if (requested == null || !plain(requested) || trust.written().tls().isEmpty()) {
            return;
        }
        // The configured URL was judged at start-up; a URL given in code is judged here.
        String where = sameOrigin(trust.url(), requested) ? trust.written().url().orElse(URL_IN_CODE) : URL_IN_CODE;
        Optional<String> refused = refusal(trust, requested, where);
        if (refused.isPresent()) {
            throw new IllegalStateException(refused.get());
        }
        if (!told.contains(trust.clientName())) {
            tell(trust, requested, where);
        }
    }

    private void tell(ClientTrust trust, URI url, String where) {
        if (!told.add(trust.clientName())) {
            return;
        }
        LOG.warnf("REST client '%s' calls %s in plain text (%s), so its TLS settings protect nothing: %s. Nothing is"
                + " encrypted or verified on such a call: anyone on the network path can read and change every request"
                + " and response. Fix: %s", trust.clientName(), Printable.text(origin(url)), where,
                String.join(", ", trust.written().tls()), fix(where));
    }

    /** Why the call is refused, when {@code verify-insecure=deny} and the client has pins or revocation checks. */
    private Optional<String> refusal(ClientTrust trust, URI url, String where) {
        if (policy != InsecurePolicy.DENY || trust.written().pathChecks().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("REST client '" + trust.clientName() + "' calls " + Printable.text(origin(url))
                + " in plain text (" + where + "), and " + ClientKeys.global("verify-insecure") + "=deny forbids"
                + " that for a client with " + String.join(", ", trust.written().pathChecks()) + ": nothing on such a"
                + " call is encrypted or verified. Fix: " + fix(where));
    }

    private static String fix(String where) {
        return URL_IN_CODE.equals(where) ? "give the client an https:// URL in the code"
                : "write https:// in " + where;
    }

    /** Scheme, host and port: user information, a path or a query may hold what is not for a log. */
    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    }

    private static boolean sameOrigin(Optional<URI> configured, URI requested) {
        return configured.map(PlainHttpCalls::origin).filter(origin(requested)::equalsIgnoreCase).isPresent();
    }

    static boolean plain(URI url) {
        return "http".equalsIgnoreCase(url.getScheme());
    }
}

package io.quarkiverse.restclient.verify.diagnosis;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.trust.anchors.TrustSources;
import io.quarkiverse.restclient.verify.trust.anchors.TrustSpec;
import io.quarkiverse.restclient.verify.trust.fetch.CaIssuers;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetcher;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetcher.Fetched;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetcher.KnownIssuer;

/**
 * The trust this application could use besides one client's own, asked only when that client rejected a chain for want
 * of a trusted CA: which other source would have accepted the chain ({@link TrustSources}), and whether an
 * intermediate another client fetched earlier completes the chain for this client's own trust. Nothing is read or
 * judged until an explanation asks, and nothing reaches the network.
 */
public final class OtherTrust {

    /** No other trust is asked: explanations say what they said before. */
    public static final OtherTrust NONE = new OtherTrust(null, null, variable -> null, null, null, skipped -> {
    });

    /** The auth type of TLS 1.3, under which the JDK asks the server's key for digital signatures. */
    private static final String AUTH_TYPE = "UNKNOWN";

    private final TrustSpec own;
    private final ClassLoader classLoader;
    private final Function<String, String> environment;
    private final X509ExtendedTrustManager ownAnchors;
    private final IntermediateFetcher fetcher;
    private final Consumer<String> skipped;

    /**
     * @param own what the client trusts
     * @param classLoader where the Mozilla bundle's artifact is looked up
     * @param environment the process environment
     * @param ownAnchors the client's own anchor layer, which judges its chain completed with intermediates fetched
     *        before; null when the client fetches intermediates itself, so that they were tried already
     * @param fetcher whose intermediates, remembered from repairs another client's trust accepted, may complete a
     *        chain; null for none
     * @param skipped told, for a DEBUG line, about each source that could not be read
     */
    public OtherTrust(TrustSpec own, ClassLoader classLoader, Function<String, String> environment,
            X509ExtendedTrustManager ownAnchors, IntermediateFetcher fetcher, Consumer<String> skipped) {
        this.own = own;
        this.classLoader = classLoader;
        this.environment = environment;
        this.ownAnchors = ownAnchors;
        this.fetcher = fetcher;
        this.skipped = skipped;
    }

    /** Whether explanations ask this trust at all. */
    boolean enabled() {
        return this != NONE;
    }

    /**
     * Every source's verdict on the chain, in {@link TrustSources#candidates} order; sources that could not be read
     * are reported to the DEBUG line and listed as skipped.
     *
     * @param includeOwn whether the sources the client already trusts are judged too (the Dev UI lists them)
     */
    public List<TrustSources.Verdict> judge(List<X509Certificate> chain, boolean includeOwn) {
        if (!enabled() || chain.isEmpty()) {
            return List.of();
        }
        List<TrustSources.Verdict> verdicts = TrustSources.judge(chain, own, includeOwn, classLoader, environment);
        verdicts.stream().filter(v -> v.status() == TrustSources.Status.SKIPPED)
                .forEach(v -> skipped.accept(v.description() + ": " + v.detail()));
        return verdicts;
    }

    /**
     * The intermediates, remembered from repairs that another client's trust accepted, that complete the chain for
     * this client's own trust; empty when there are none or the completed chain is still refused.
     */
    Optional<List<KnownIssuer>> completingIntermediates(List<X509Certificate> chain) {
        if (ownAnchors == null || fetcher == null || chain.isEmpty()) {
            return Optional.empty();
        }
        List<X509Certificate> completed = new ArrayList<>(chain);
        List<KnownIssuer> added = new ArrayList<>();
        while (added.size() < fetcher.limits().maxDepth()) {
            X509Certificate last = completed.get(completed.size() - 1);
            if (last.getSubjectX500Principal().equals(last.getIssuerX500Principal())) {
                break;
            }
            Optional<KnownIssuer> known = fetcher.knownIssuer(last).or(() -> fetchedFor(last));
            if (known.isEmpty()) {
                break;
            }
            completed.add(known.get().certificate());
            added.add(known.get());
        }
        if (added.isEmpty()) {
            return Optional.empty();
        }
        try {
            ownAnchors.checkServerTrusted(completed.toArray(new X509Certificate[0]), AUTH_TYPE);
            return Optional.of(List.copyOf(added));
        } catch (CertificateException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The issuer of the certificate among what one of its caIssuers URLs gave a trusted repair, from memory only. */
    private Optional<KnownIssuer> fetchedFor(X509Certificate certificate) {
        for (String url : CaIssuers.urls(certificate)) {
            Optional<Fetched> fetched = fetcher.cached(url);
            if (fetched.isEmpty()) {
                continue;
            }
            for (X509Certificate candidate : fetched.get().certificates()) {
                if (issues(candidate, certificate)) {
                    return Optional.of(new KnownIssuer(candidate, url));
                }
            }
        }
        return Optional.empty();
    }

    private static boolean issues(X509Certificate candidate, X509Certificate certificate) {
        if (!candidate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(candidate.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}

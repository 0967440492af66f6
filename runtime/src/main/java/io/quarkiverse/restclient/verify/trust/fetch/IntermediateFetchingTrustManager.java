package io.quarkiverse.restclient.verify.trust.fetch;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import io.quarkiverse.restclient.verify.trust.LayeredTrustManager;
import io.quarkiverse.restclient.verify.trust.Printable;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetcher.Fetched;
import io.quarkiverse.restclient.verify.trust.fetch.IntermediateFetcher.KnownIssuer;
import io.quarkiverse.restclient.verify.trust.lookups.LookupAddresses;
import io.quarkiverse.restclient.verify.trust.lookups.LookupDeadline;

/**
 * Completes a server chain that lacks an intermediate, the way browsers do: when the client's trust cannot find an
 * issuer for the last certificate, the issuer is fetched from that certificate's caIssuers URLs (and so on up, within
 * {@link FetchLimits}), appended to the chain, and the whole chain is judged again by the same trust manager.
 * <p>
 * Fetched certificates are only ever offered as intermediates of the server's chain: they never become trust
 * anchors, and the delegate still checks the hostname, dates, constraints and signatures of the completed chain.
 * Issuers fetched before are appended before the first check, so a server that always omits its intermediate costs
 * one check per handshake, not two.
 */
public final class IntermediateFetchingTrustManager extends LayeredTrustManager {

    private final IntermediateFetcher fetcher;
    private final Optional<InetSocketAddress> proxy;
    private final LookupAddresses addresses;
    private final Consumer<ChainRepair> repaired;
    /** False for a layer that only appends issuers remembered before: no network, nothing reported. */
    private final boolean fetches;

    /** A layer that fetches from public addresses only. */
    public IntermediateFetchingTrustManager(X509ExtendedTrustManager delegate, IntermediateFetcher fetcher,
            Optional<InetSocketAddress> proxy, Consumer<ChainRepair> repaired) {
        this(delegate, fetcher, proxy, LookupAddresses.publicOnly(), repaired);
    }

    /**
     * @param delegate the client's trust, which decides
     * @param fetcher fetches and remembers issuers; shared between clients
     * @param proxy the client's HTTP proxy, if it has one
     * @param addresses where fetches may connect
     * @param repaired told about every handshake accepted thanks to fetched intermediates
     */
    public IntermediateFetchingTrustManager(X509ExtendedTrustManager delegate, IntermediateFetcher fetcher,
            Optional<InetSocketAddress> proxy, LookupAddresses addresses, Consumer<ChainRepair> repaired) {
        this(delegate, fetcher, proxy, addresses, repaired, true);
    }

    private IntermediateFetchingTrustManager(X509ExtendedTrustManager delegate, IntermediateFetcher fetcher,
            Optional<InetSocketAddress> proxy, LookupAddresses addresses, Consumer<ChainRepair> repaired,
            boolean fetches) {
        super(delegate);
        this.fetcher = fetcher;
        this.proxy = proxy;
        this.addresses = addresses;
        this.repaired = repaired;
        this.fetches = fetches;
    }

    /**
     * A layer that completes a chain only with the issuers the fetcher remembers from trusted repairs: it never fetches
     * and reports nothing. For judging again a chain accepted before (after a reload, at an expiry) without network.
     */
    public static IntermediateFetchingTrustManager fromCache(X509ExtendedTrustManager delegate,
            IntermediateFetcher fetcher) {
        return new IntermediateFetchingTrustManager(delegate, fetcher, Optional.empty(), LookupAddresses.publicOnly(),
                repair -> {
                }, false);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, extended -> delegate.checkServerTrusted(extended, authType, engine),
                engine == null ? null : engine.getPeerHost(), engine == null ? -1 : engine.getPeerPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        SocketAddress address = socket == null ? null : socket.getRemoteSocketAddress();
        InetSocketAddress peer = address instanceof InetSocketAddress ? (InetSocketAddress) address : null;
        check(chain, extended -> delegate.checkServerTrusted(extended, authType, socket),
                peer == null ? null : peer.getHostString(), peer == null ? -1 : peer.getPort());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, extended -> delegate.checkServerTrusted(extended, authType), null, -1);
    }

    private void check(X509Certificate[] chain, Check check, String host, int port) throws CertificateException {
        // Fetches and the revocation look-ups of the layers below share one budget per handshake.
        try (LookupDeadline.Scope budget = LookupDeadline.handshake(LookupDeadline.HANDSHAKE_BUDGET)) {
            checkWithinBudget(chain, check, host, port);
        }
    }

    private void checkWithinBudget(X509Certificate[] chain, Check check, String host, int port)
            throws CertificateException {
        if (chain == null || chain.length == 0) {
            check.run(chain);
            return;
        }
        List<X509Certificate> extended = new ArrayList<>(Arrays.asList(chain));
        List<String> omitted = new ArrayList<>();
        List<String> urls = new ArrayList<>();
        // Issuers fetched for this chain before go in first; the delegate judges the completed chain as a whole.
        while (omitted.size() < fetcher.limits().maxDepth() && !selfIssued(last(extended))) {
            Optional<KnownIssuer> known = fetcher.knownIssuer(last(extended));
            if (known.isEmpty()) {
                break;
            }
            extended.add(known.get().certificate());
            omitted.add(subject(known.get().certificate()));
            urls.add(known.get().url());
        }
        CertificateException verdict;
        try {
            check.run(array(extended));
            report(host, port, omitted, urls);
            return;
        } catch (CertificateException e) {
            if (!lacksIssuer(e)) {
                throw omitted.isEmpty() ? e
                        : new ChainRepairException(List.of(new FetchAttempt(urls.get(urls.size() - 1),
                                "fetched '" + omitted.get(omitted.size() - 1) + "' earlier, but the client's trust"
                                        + " rejects the completed chain: " + e.getMessage())),
                                e);
            }
            if (!fetches) {
                throw e;
            }
            verdict = e;
        }
        List<FetchAttempt> attempts = new ArrayList<>();
        if (!omitted.isEmpty()) {
            attempts.add(new FetchAttempt(urls.get(urls.size() - 1), "fetched '" + omitted.get(omitted.size() - 1)
                    + "' earlier, but the chain still does not reach a trusted CA"));
        }
        int[] fetchesLeft = { fetcher.limits().maxFetchesPerHandshake() };
        // Remembered for other handshakes only once the completed chain is trusted: a decoy must not outlive this one.
        List<Learnt> learnt = new ArrayList<>();
        while (!selfIssued(last(extended))) {
            if (omitted.size() >= fetcher.limits().maxDepth()) {
                attempts.add(new FetchAttempt(urls.get(urls.size() - 1), "stopped: " + omitted.size()
                        + " certificates were added to this chain, the most allowed"));
                break;
            }
            X509Certificate tail = last(extended);
            Optional<Learnt> found = fetchIssuer(tail, attempts, fetchesLeft,
                    host == null ? null : port < 0 ? host : host + ":" + port);
            if (found.isEmpty()) {
                break;
            }
            learnt.add(found.get());
            Optional<KnownIssuer> issuer = Optional.of(found.get().issuer());
            extended.add(issuer.get().certificate());
            omitted.add(subject(issuer.get().certificate()));
            urls.add(issuer.get().url());
            int attempt = attempts.size() - 1;
            try {
                check.run(array(extended));
                for (Learnt fact : learnt) {
                    fetcher.remember(fact.issuer().url(), fact.fetched());
                    fetcher.rememberIssuer(fact.certificate(), fact.issuer());
                }
                report(host, port, omitted, urls);
                return;
            } catch (CertificateException e) {
                verdict = e;
                if (!lacksIssuer(e)) {
                    attempts.set(attempt, new FetchAttempt(issuer.get().url(), "fetched '"
                            + subject(issuer.get().certificate()) + "', but the client's trust rejects the completed"
                            + " chain: " + e.getMessage()));
                    break;
                }
                attempts.set(attempt, new FetchAttempt(issuer.get().url(), "fetched '"
                        + subject(issuer.get().certificate()) + "', the issuer of '" + subject(tail)
                        + "', but the chain still does not reach a trusted CA"));
            }
        }
        throw new ChainRepairException(attempts, verdict, omitted.isEmpty() || !lacksIssuer(verdict) ? null
                : rootOf(last(extended)));
    }

    /** The root CA a chain ending in this certificate leads to: itself when self-issued, else its issuer. */
    private static String rootOf(X509Certificate top) {
        return Printable.name(selfIssued(top) ? top.getSubjectX500Principal() : top.getIssuerX500Principal());
    }

    /**
     * An issuer fetched for a certificate in this handshake, and what its URL gave.
     *
     * @param certificate the certificate whose issuer it is
     * @param issuer the issuer and its URL
     * @param fetched what the URL gave
     */
    private record Learnt(X509Certificate certificate, KnownIssuer issuer, Fetched fetched) {
    }

    /** The issuer of the certificate from one of its caIssuers URLs; every URL tried is added to the attempts. */
    private Optional<Learnt> fetchIssuer(X509Certificate certificate, List<FetchAttempt> attempts,
            int[] fetchesLeft, String server) {
        List<String> urls = CaIssuers.urls(certificate);
        if (urls.isEmpty()) {
            attempts.add(new FetchAttempt(null, "'" + subject(certificate) + "' names no caIssuers URL"));
            return Optional.empty();
        }
        for (String url : urls) {
            if (!IntermediateFetcher.httpOrHttps(uri(url))) {
                attempts.add(new FetchAttempt(url, "ignored: only http and https URLs are followed"));
                continue;
            }
            Optional<Fetched> cached = fetcher.cached(url);
            Fetched fetched;
            if (cached.isPresent()) {
                fetched = cached.get();
            } else if (fetchesLeft[0] <= 0) {
                attempts.add(new FetchAttempt(url, "not fetched: the limit of "
                        + fetcher.limits().maxFetchesPerHandshake() + " fetches per handshake is reached"));
                continue;
            } else {
                fetchesLeft[0]--;
                fetched = fetcher.fetch(url, proxy, addresses, server,
                        LookupDeadline.forLookUp(fetcher.limits().timeout()));
            }
            if (fetched.failure() != null) {
                attempts.add(new FetchAttempt(url, fetched.failure()));
                continue;
            }
            Optional<X509Certificate> issuer = fetched.certificates().stream().filter(c -> issues(c, certificate))
                    .findFirst();
            if (issuer.isEmpty()) {
                attempts.add(new FetchAttempt(url, fetched.certificates().size() == 1
                        ? "the fetched certificate '" + subject(fetched.certificates().get(0)) + "' does not issue '"
                                + subject(certificate) + "'"
                        : "none of the " + fetched.certificates().size() + " fetched certificates issues '"
                                + subject(certificate) + "'"));
                continue;
            }
            attempts.add(new FetchAttempt(url, "fetched '" + subject(issuer.get()) + "'"));
            return Optional.of(new Learnt(certificate, new KnownIssuer(issuer.get(), url), fetched));
        }
        return Optional.empty();
    }

    /** Whether the candidate's name and key match the certificate's issuer; the delegate checks the rest. */
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

    private void report(String host, int port, List<String> omitted, List<String> urls) {
        if (!omitted.isEmpty()) {
            repaired.accept(new ChainRepair(host, port, omitted, urls));
        }
    }

    /**
     * Whether the trust manager failed for want of an issuer: the JDK's path building, or a hashed directory without
     * the issuer. Expiry, hostname and signature failures are not repaired by more certificates.
     */
    static boolean lacksIssuer(CertificateException failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CertPathBuilderException) {
                return true;
            }
            String message = String.valueOf(t.getMessage());
            if (message.contains("unable to find valid certification path") || message.contains("no CA certificate for")
                    || message.contains("does not chain with any of the trust anchors")) {
                return true;
            }
        }
        return false;
    }

    private static URI uri(String url) {
        try {
            return URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return URI.create("invalid:/");
        }
    }

    private static boolean selfIssued(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal());
    }

    private static X509Certificate last(List<X509Certificate> chain) {
        return chain.get(chain.size() - 1);
    }

    private static X509Certificate[] array(List<X509Certificate> chain) {
        return chain.toArray(new X509Certificate[0]);
    }

    private static String subject(X509Certificate certificate) {
        return Printable.name(certificate.getSubjectX500Principal());
    }

    /** One of the delegate's checks, on a given chain. */
    @FunctionalInterface
    private interface Check {
        void run(X509Certificate[] chain) throws CertificateException;
    }
}

package io.quarkiverse.restclient.verify.trust.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.trust.LoopbackLookups;
import io.quarkiverse.restclient.verify.trust.lookups.LookupDeadline;

/**
 * What a caIssuers URL gives, in words a user reads in the handshake failure: URLs that are not fetched (malformed,
 * another scheme, no host, over the budget, an inside address), answers that are refused (error status, oversized,
 * empty or broken bundles), failures remembered so a broken URL is not fetched at every handshake, and remembered
 * certificates forgotten once they expire.
 */
class IntermediateFetcherTest {

    static final CaIssuersServer ISSUERS = CaIssuersServer.start();
    static final FetchLimits SMALL = new FetchLimits(1024, Duration.ofSeconds(2), 4, 4, 20, 3, 256,
            Duration.ofMinutes(1));

    @AfterAll
    static void stop() {
        ISSUERS.close();
    }

    @Test
    void urlsThatCannotBeFetchedAreNotRequested() {
        IntermediateFetcher fetcher = new IntermediateFetcher(SMALL);
        assertThat(failure(fetcher, "http://bad host/ca.cer")).isEqualTo("not a valid URL");
        assertThat(failure(fetcher, "ldap://ldap.example/cn=CA")).isEqualTo("ignored: only http and https URLs are followed");
        assertThat(failure(fetcher, "http:///ca.cer")).isEqualTo("ignored: only http and https URLs are followed");
        assertThat(fetcher.fetch(ISSUERS.url("/late.cer"), Optional.empty(), LoopbackLookups.ALLOWED, null,
                LookupDeadline.in(Duration.ZERO)).failure())
                .isEqualTo("not fetched: the handshake's look-up budget of 3000 ms is used up");
        assertThat(ISSUERS.fetches("/late.cer")).isZero();
        assertThat(fetcher.fetches()).isZero();
    }

    @Test
    void aClientWithoutAllowedAddressesDoesNotFetchFromLoopback() {
        IntermediateFetcher fetcher = new IntermediateFetcher(SMALL);
        assertThat(fetcher.fetch(ISSUERS.url("/inside.cer"), Optional.empty()).failure()).isEqualTo(
                "not fetched: 127.0.0.1 is a loopback address; allow it with verify-lookup-allow");
        assertThat(ISSUERS.fetches("/inside.cer")).isZero();
    }

    @Test
    void refusedAnswersAreNamedAndRememberedAsFailures() {
        ISSUERS.oversized("/huge.cer", 4096);
        ISSUERS.redirect("/elsewhere.cer", "ftp://ftp.example/ca.cer");
        IntermediateFetcher fetcher = new IntermediateFetcher(SMALL);

        assertThat(failure(fetcher, ISSUERS.url("/huge.cer"))).isEqualTo("too large (more than 1024 bytes)");
        assertThat(failure(fetcher, ISSUERS.url("/elsewhere.cer"))).isEqualTo("redirected to ftp://ftp.example/ca.cer,"
                + " which is not followed (a redirect may not change the scheme)");
        assertThat(failure(fetcher, ISSUERS.url("/missing.cer"))).isEqualTo("HTTP status 404");
        assertThat(failure(fetcher, "http://127.0.0.1:1/ca.cer")).isEqualTo("unreachable (connection refused)");

        // A failure is remembered: the broken URL is not fetched again at the next handshake.
        assertThat(failure(fetcher, ISSUERS.url("/missing.cer"))).isEqualTo("HTTP status 404");
        assertThat(ISSUERS.fetches("/missing.cer")).isEqualTo(1);
        assertThat(fetcher.cached(ISSUERS.url("/missing.cer"))).get().extracting(IntermediateFetcher.Fetched::failure)
                .isEqualTo("HTTP status 404");
        assertThat(fetcher.fetches()).isEqualTo(4);
    }

    @Test
    void onlyDerCertificatesAndNonEmptyBundlesAreAccepted() throws Exception {
        byte[] emptyBundle = CertificateFactory.getInstance("X.509").generateCertPath(List.of()).getEncoded("PKCS7");
        assertThat(IntermediateFetcher.parse(emptyBundle).failure()).isEqualTo("a PKCS#7 bundle without certificates");
        assertThat(IntermediateFetcher.parse(new byte[] { 0x30, 0x03, 0x02, 0x01, 0x01 }).failure())
                .isEqualTo("not a certificate (neither DER X.509 nor PKCS#7)");
        assertThat(IntermediateFetcher.parse(new byte[0]).failure())
                .isEqualTo("not a certificate (neither DER X.509 nor PKCS#7)");
        X509Certificate ca = CertificateAuthority.root("Parsed CA").certificate();
        assertThat(IntermediateFetcher.parse(ca.getEncoded()).certificates()).containsExactly(ca);
    }

    @Test
    void anExpiredCertificateIsNotRemembered() {
        Instant past = Instant.now().minus(Duration.ofDays(10));
        CertificateAuthority expired = CertificateAuthority.root("Expired Remembered CA", past.minus(Duration.ofDays(30)),
                past);
        CertificateAuthority valid = CertificateAuthority.root("Valid Remembered CA");
        IntermediateFetcher fetcher = new IntermediateFetcher(SMALL);

        fetcher.remember("http://ca.example/expired.cer",
                new IntermediateFetcher.Fetched(List.of(expired.certificate()), null));
        fetcher.rememberIssuer(valid.certificate(), new IntermediateFetcher.KnownIssuer(expired.certificate(), "u"));
        fetcher.remember("http://ca.example/valid.cer", new IntermediateFetcher.Fetched(List.of(valid.certificate()), null));

        assertThat(fetcher.cached("http://ca.example/expired.cer")).isEmpty();
        assertThat(fetcher.cached("http://ca.example/expired.cer")).isEmpty();
        assertThat(fetcher.knownIssuer(valid.certificate())).isEmpty();
        assertThat(fetcher.cached("http://ca.example/valid.cer")).isPresent();
    }

    private static String failure(IntermediateFetcher fetcher, String url) {
        return fetcher.fetch(url, Optional.empty(), LoopbackLookups.ALLOWED, null,
                LookupDeadline.in(Duration.ofSeconds(10))).failure();
    }
}

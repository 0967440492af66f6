package io.quarkiverse.restclient.verify.trust.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.testpki.CaIssuersServer;
import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;
import io.quarkiverse.restclient.verify.trust.LoopbackLookups;
import io.quarkiverse.restclient.verify.trust.anchors.TrustMaterial;

/**
 * The outcomes of a chain repair that a user reads or relies on: which server a repair is reported for (whichever
 * check the TLS stack calls), an empty chain still judged, an impostor issuer (right name, wrong key) or an unrelated
 * bundle refused with the reason, and a remembered issuer that the client's trust rejects named as such.
 */
class ChainRepairOutcomesTest {

    static final CaIssuersServer ISSUERS = CaIssuersServer.start();
    static final CertificateAuthority ROOT = CertificateAuthority.root("Outcomes Root");
    static final CertificateAuthority INTERMEDIATE = ROOT.intermediate("Outcomes Intermediate");

    @AfterAll
    static void stop() {
        ISSUERS.close();
    }

    @Test
    void aRepairIsReportedForThePeerOfTheEngineOrForNoServer() throws Exception {
        ISSUERS.certificate("/engine.cer", INTERMEDIATE.certificate());
        X509Certificate[] chain = leafNaming("/engine.cer");
        List<ChainRepair> repairs = new ArrayList<>();
        SSLEngine engine = SSLContext.getDefault().createSSLEngine("repair.test", 8443);

        trusting(new IntermediateFetcher(FetchLimits.DEFAULT), repairs).checkServerTrusted(chain, "RSA", engine);
        trusting(new IntermediateFetcher(FetchLimits.DEFAULT), repairs).checkServerTrusted(chain, "RSA",
                (SSLEngine) null);
        trusting(new IntermediateFetcher(FetchLimits.DEFAULT), repairs).checkServerTrusted(chain, "RSA");
        trusting(new IntermediateFetcher(FetchLimits.DEFAULT), repairs).checkServerTrusted(chain, "RSA",
                (Socket) null);

        assertThat(repairs).extracting(ChainRepair::host, ChainRepair::port).containsExactly(
                org.assertj.core.groups.Tuple.tuple("repair.test", 8443), org.assertj.core.groups.Tuple.tuple(null, -1),
                org.assertj.core.groups.Tuple.tuple(null, -1), org.assertj.core.groups.Tuple.tuple(null, -1));
        assertThat(repairs.get(0).urls()).containsExactly(ISSUERS.url("/engine.cer"));
    }

    @Test
    void anEmptyChainIsStillJudgedByTheClientsTrust() {
        IntermediateFetchingTrustManager trust = trusting(new IntermediateFetcher(FetchLimits.DEFAULT),
                new ArrayList<>());
        assertThatThrownBy(() -> trust.checkServerTrusted(new X509Certificate[0], "RSA"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> trust.checkServerTrusted(null, "RSA")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anImpostorIssuerWithTheRightNameButAnotherKeyIsNotAdded() {
        CertificateAuthority impostor = CertificateAuthority.root("Impostor Root").intermediate("Outcomes Intermediate");
        ISSUERS.certificate("/impostor.cer", impostor.certificate());

        assertThat(outcomes(leafNaming("/impostor.cer"))).containsExactly("the fetched certificate"
                + " 'CN=Outcomes Intermediate,O=Verify Tests' does not issue 'CN=outcomes.test,O=Verify Tests'");
    }

    @Test
    void aBundleWithoutTheIssuerIsRefusedWithItsSize() {
        ISSUERS.pkcs7("/unrelated.p7c", List.of(CertificateAuthority.root("Unrelated A").certificate(),
                CertificateAuthority.root("Unrelated B").certificate()));

        assertThat(outcomes(leafNaming("/unrelated.p7c")))
                .containsExactly("none of the 2 fetched certificates issues 'CN=outcomes.test,O=Verify Tests'");
    }

    @Test
    void aMalformedUrlIsSkippedAndTheNextOneUsed() throws Exception {
        ISSUERS.certificate("/after-bad.cer", INTERMEDIATE.certificate());
        X509Certificate leaf = INTERMEDIATE.server("outcomes.test", List.of("localhost"), List.of("127.0.0.1"),
                List.of("http://bad host/x.cer", ISSUERS.url("/after-bad.cer"))).certificate();
        List<ChainRepair> repairs = new ArrayList<>();

        trusting(new IntermediateFetcher(FetchLimits.DEFAULT), repairs).checkServerTrusted(
                new X509Certificate[] { leaf }, "RSA");

        assertThat(repairs).singleElement().extracting(ChainRepair::urls)
                .isEqualTo(List.of(ISSUERS.url("/after-bad.cer")));
    }

    @Test
    void aRememberedIssuerTheClientsTrustRejectsIsNamedInTheFailure() throws Exception {
        ISSUERS.certificate("/remembered.cer", INTERMEDIATE.certificate());
        X509Certificate[] chain = leafNaming("/remembered.cer");
        IntermediateFetcher fetcher = new IntermediateFetcher(FetchLimits.DEFAULT);
        trusting(fetcher, new ArrayList<>()).checkServerTrusted(chain, "RSA");

        // Another client of the application trusts another root: the remembered issuer does not help it.
        IntermediateFetchingTrustManager other = new IntermediateFetchingTrustManager(
                TrustMaterial.pkix(List.of(CertificateAuthority.root("Other Root").certificate())), fetcher,
                Optional.empty(), LoopbackLookups.ALLOWED, repair -> {
                });
        assertThatThrownBy(() -> other.checkServerTrusted(chain, "RSA"))
                .isInstanceOfSatisfying(ChainRepairException.class,
                        e -> assertThat(e.attempts()).extracting(FetchAttempt::url, FetchAttempt::outcome).containsExactly(
                                org.assertj.core.groups.Tuple.tuple(ISSUERS.url("/remembered.cer"),
                                        "fetched 'CN=Outcomes Intermediate,O=Verify Tests' earlier, but the chain still does not"
                                                + " reach a trusted CA"),
                                org.assertj.core.groups.Tuple.tuple(null,
                                        "'CN=Outcomes Intermediate,O=Verify Tests' names no caIssuers URL")));

        // A client whose trust rejects the completed chain for another reason (here: expiry) is told so.
        IntermediateFetchingTrustManager expiring = new IntermediateFetchingTrustManager(new Rejecting(
                TrustMaterial.pkix(List.of(ROOT.certificate()))), fetcher, Optional.empty(), LoopbackLookups.ALLOWED,
                repair -> {
                });
        assertThatThrownBy(() -> expiring.checkServerTrusted(chain, "RSA"))
                .isInstanceOfSatisfying(ChainRepairException.class,
                        e -> assertThat(e.attempts()).extracting(FetchAttempt::outcome).containsExactly(
                                "fetched 'CN=Outcomes Intermediate,O=Verify Tests' earlier, but the client's trust rejects the"
                                        + " completed chain: certificate expired"))
                .hasCauseInstanceOf(CertificateExpiredException.class);
        // Without a remembered issuer the same rejection passes through unchanged.
        assertThatThrownBy(() -> new IntermediateFetchingTrustManager(new Rejecting(
                TrustMaterial.pkix(List.of(ROOT.certificate()))), new IntermediateFetcher(FetchLimits.DEFAULT),
                Optional.empty(), LoopbackLookups.ALLOWED, repair -> {
                }).checkServerTrusted(new X509Certificate[] { chain[0], INTERMEDIATE.certificate() }, "RSA"))
                .isExactlyInstanceOf(CertificateExpiredException.class);
    }

    @Test
    void onlyFailuresForWantOfAnIssuerAreRepaired() {
        assertThat(IntermediateFetchingTrustManager.lacksIssuer(
                new CertificateException(new CertPathBuilderException("no path")))).isTrue();
        assertThat(IntermediateFetchingTrustManager.lacksIssuer(new CertificateException(
                "PKIX path building failed: unable to find valid certification path to requested target"))).isTrue();
        assertThat(IntermediateFetchingTrustManager.lacksIssuer(new CertificateExpiredException("expired")))
                .isFalse();
    }

    private static X509Certificate[] leafNaming(String path) {
        IssuedCertificate leaf = INTERMEDIATE.server("outcomes.test", List.of("localhost"), List.of("127.0.0.1"),
                List.of(ISSUERS.url(path)));
        return new X509Certificate[] { leaf.certificate() };
    }

    private static List<String> outcomes(X509Certificate[] chain) {
        IntermediateFetchingTrustManager trust = trusting(new IntermediateFetcher(FetchLimits.DEFAULT),
                new ArrayList<>());
        try {
            trust.checkServerTrusted(chain, "RSA");
            throw new AssertionError("accepted");
        } catch (ChainRepairException e) {
            return e.attempts().stream().map(FetchAttempt::outcome).toList();
        } catch (CertificateException e) {
            throw new AssertionError(e);
        }
    }

    private static IntermediateFetchingTrustManager trusting(IntermediateFetcher fetcher, List<ChainRepair> repairs) {
        return new IntermediateFetchingTrustManager(new IgnoringEngine(TrustMaterial.pkix(List.of(ROOT.certificate()))),
                fetcher, Optional.empty(), LoopbackLookups.ALLOWED, repairs::add);
    }

    /** The JDK's checks need a handshake in progress on an engine or socket; these tests have none. */
    private static class IgnoringEngine extends X509ExtendedTrustManager {
        final X509ExtendedTrustManager delegate;

        IgnoringEngine(X509ExtendedTrustManager delegate) {
            this.delegate = delegate;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return delegate.getAcceptedIssuers();
        }
    }

    /** A client's trust that rejects every chain it would accept, as expired. */
    private static final class Rejecting extends IgnoringEngine {
        Rejecting(X509ExtendedTrustManager delegate) {
            super(delegate);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            delegate.checkServerTrusted(chain, authType);
            throw new CertificateExpiredException("certificate expired");
        }
    }
}

package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.Test;

import io.vertx.core.net.SSLOptions;

/**
 * What a client keeps about its TLS connections grows with what is open and resumable, not with history: thousands of
 * distinct server chains leave at most {@link OpenConnections#MAX_RESUMABLE} chains behind; a server's newer session
 * replaces its older one, as the client session caches do; an ended session's chain is dropped; and a chain forgotten
 * at the bound makes the next revalidation renew the SSL context rather than miss it.
 */
class OpenConnectionsStateBoundTest {

    static final int CONNECTIONS = 3_000;

    @Test
    void theClientSessionCacheIsBoundedToTheChainsRemembered() throws Exception {
        // The JDK keeps 20,480 client sessions by default, each with its server's chain: the heap a load run grew by.
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(null, null, null);
        assertThat(context.getClientSessionContext().getSessionCacheSize()).as("premise: the JDK's default")
                .isNotEqualTo(OpenConnections.SESSION_CACHE_SIZE);
        OpenConnections.bound(context.getClientSessionContext());
        assertThat(context.getClientSessionContext().getSessionCacheSize())
                .isEqualTo(OpenConnections.SESSION_CACHE_SIZE).isEqualTo(OpenConnections.MAX_RESUMABLE);
    }

    @Test
    void distinctServersLeaveAtMostTheBound() {
        ManyChains.Client client = new ManyChains.Client();
        OpenConnections open = new OpenConnections("many", (o, chain) -> {
        });
        open.watch(client.proxy);
        long now = System.currentTimeMillis();
        for (int i = 0; i < CONNECTIONS; i++) {
            client.open(ManyChains.chain(Duration.ofDays(30)), "server-" + i + ".test", now, 86_400).close();
        }
        assertThat(open.chains().size()).isLessThanOrEqualTo(OpenConnections.MAX_RESUMABLE);
    }

    @Test
    void oneServerWithEverNewChainsLeavesOne() {
        ManyChains.Client client = new ManyChains.Client();
        OpenConnections open = new OpenConnections("rotating", (o, chain) -> {
        });
        open.watch(client.proxy);
        long now = System.currentTimeMillis();
        List<ManyChains.Connection> stillOpen = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            ManyChains.Connection connection = client.open(ManyChains.chain(Duration.ofDays(30)), "api.test", now,
                    86_400);
            if (i % 1_000 == 0) {
                stillOpen.add(connection);
            } else {
                connection.close();
            }
        }
        // The open connections' chains, and the one session the cache holds for the server.
        assertThat(open.chains().size()).isLessThanOrEqualTo(stillOpen.size() + 1);
    }

    @Test
    void anEndedSessionsChainIsDropped() {
        ManyChains.Client client = new ManyChains.Client();
        OpenConnections open = new OpenConnections("short-sessions", (o, chain) -> {
        });
        open.watch(client.proxy);
        long longAgo = System.currentTimeMillis() - Duration.ofSeconds(10).toMillis();
        client.open(ManyChains.chain(Duration.ofDays(30)), "api.test", longAgo, 5).close();
        assertThat(open.chains().size()).isZero();
    }

    @Test
    void aChainForgottenAtTheBoundRenewsTheContextAtTheNextRevalidation() {
        ManyChains.Client client = new ManyChains.Client();
        OpenConnections open = new OpenConnections("overflowing", (o, chain) -> {
        });
        open.watch(client.proxy);
        long now = System.currentTimeMillis();
        for (int i = 0; i < OpenConnections.MAX_RESUMABLE + 1; i++) {
            client.open(ManyChains.chain(Duration.ofDays(30)), "server-" + i + ".test", now, 86_400).close();
        }
        // Every chain still held is trusted, yet one session the client may still resume was forgotten.
        assertThat(open.revalidate(new Trust(null), new SSLOptions()).renewed()).isTrue();
        assertThat(client.renewals).isEqualTo(1);
        // After the renewal nothing is forgotten: trusted chains keep the context.
        client.open(ManyChains.chain(Duration.ofDays(30)), "api.test", now, 86_400).close();
        assertThat(open.revalidate(new Trust(null), new SSLOptions()).renewed()).isFalse();
    }

    @Test
    void withinTheBoundTrustedChainsKeepTheContext() {
        ManyChains.Client client = new ManyChains.Client();
        OpenConnections open = new OpenConnections("few", (o, chain) -> {
        });
        open.watch(client.proxy);
        long now = System.currentTimeMillis();
        List<X509Certificate> rejectedChain = ManyChains.chain(Duration.ofDays(30));
        client.open(rejectedChain, "old.test", now, 86_400).close();
        client.open(ManyChains.chain(Duration.ofDays(30)), "new.test", now, 86_400).close();
        X509ExtendedTrustManager rejectsOld = new Trust(rejectedChain.get(0));
        assertThat(open.revalidate(new Trust(null), new SSLOptions()).renewed()).isFalse();
        assertThat(open.revalidate(rejectsOld, new SSLOptions()).renewed()).isTrue();
    }

    /** Trusts every chain but one whose first certificate is this one. */
    static final class Trust extends X509ExtendedTrustManager {
        private final X509Certificate rejected;

        Trust(X509Certificate rejected) {
            this.rejected = rejected;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain[0].equals(rejected)) {
                throw new CertificateException("no longer trusted");
            }
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
            return new X509Certificate[0];
        }
    }
}

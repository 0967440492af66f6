package io.quarkiverse.restclient.verify.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;

import io.quarkiverse.restclient.verify.testpki.CertificateAuthority;
import io.quarkiverse.restclient.verify.testpki.IssuedCertificate;

/**
 * A TLS server on 127.0.0.1 that presents a newly issued certificate (new key, new serial) on every full handshake,
 * from a CA the clients trust: what a client keeps per server chain must not grow with the connections. Answers one
 * request per connection and closes it.
 */
final class NewChainServer implements AutoCloseable {

    /** Certificates kept for handshakes still in flight; older ones are forgotten. */
    private static final int KEPT = 64;

    private final CertificateAuthority ca;
    private final SSLServerSocket socket;
    private final ExecutorService executor = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "new-chain-server");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger issued = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, IssuedCertificate> certificates = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IssuedCertificate> eldest) {
            return size() > KEPT;
        }
    };

    NewChainServer(CertificateAuthority ca) throws Exception {
        this.ca = ca;
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] { new EveryHandshakeNew() }, null, null);
        // Longer than the JDK's longest ticket lifetime (7 days): it then sends no TLS 1.3 ticket, so every handshake is
        // full and presents a new certificate.
        context.getServerSessionContext().setSessionTimeout(8 * 24 * 3600);
        socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread acceptor = new Thread(this::accept, "new-chain-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String url() {
        return "https://127.0.0.1:" + socket.getLocalPort();
    }

    /** Certificates issued so far: one per full handshake. */
    int issued() {
        return issued.get();
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                connections.incrementAndGet();
                executor.execute(() -> answer((SSLSocket) client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void answer(SSLSocket client) {
        try (client) {
            client.setTcpNoDelay(true);
            client.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
                    StandardCharsets.ISO_8859_1));
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                // Headers are not needed.
            }
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\n"
                    + "hello").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // The client went away, e.g. after refusing the chain.
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        executor.shutdownNow();
    }

    /** Issues a certificate whenever the JDK asks which one to present. */
    private final class EveryHandshakeNew extends X509ExtendedKeyManager {

        private String issue(String keyType) {
            if (!"EC".equals(keyType)) {
                return null;
            }
            IssuedCertificate certificate = ca.server("new-chain-" + issued.incrementAndGet() + ".test",
                    List.of("localhost"), List.of("127.0.0.1"));
            String alias = "leaf-" + issued.get();
            synchronized (certificates) {
                certificates.put(alias, certificate);
            }
            return alias;
        }

        private IssuedCertificate get(String alias) {
            synchronized (certificates) {
                return certificates.get(alias);
            }
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return issue(keyType);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return issue(keyType);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            IssuedCertificate certificate = get(alias);
            return certificate == null ? null : certificate.chain().toArray(new X509Certificate[0]);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            IssuedCertificate certificate = get(alias);
            return certificate == null ? null : certificate.privateKey();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }
}

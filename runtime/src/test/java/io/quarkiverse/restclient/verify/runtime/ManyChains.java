package io.quarkiverse.restclient.verify.runtime;

import java.io.OutputStream;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpConnection;

/**
 * Many distinct server chains, cheaply (one key, no real signature), and stand-ins for the Vert.x objects
 * {@link OpenConnections} sees: an HTTP client whose connection handler the test calls, and TLS connections with a
 * chain, a server and a session.
 */
final class ManyChains {

    private static final AtomicLong SERIAL = new AtomicLong(1);
    private static final KeyPair KEY = key();
    private static final ContentSigner SIGNER = signer();

    private ManyChains() {
    }

    /** A chain of one certificate, distinct from every other this class made, valid for this long. */
    static synchronized List<X509Certificate> chain(Duration validity) {
        try {
            long serial = SERIAL.getAndIncrement();
            X500Principal name = new X500Principal("CN=server-" + serial + ".test");
            Instant now = Instant.now();
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(serial),
                            Date.from(now.minus(Duration.ofMinutes(1))), Date.from(now.plus(validity)), name,
                            KEY.getPublic())
                            .build(SIGNER));
            return List.of(certificate);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs nothing: these certificates are counted and compared, never verified, and a real signature per
     * certificate would make the test slow on a shared machine.
     */
    private static ContentSigner signer() {
        AlgorithmIdentifier algorithm = new DefaultSignatureAlgorithmIdentifierFinder().find("SHA256withECDSA");
        return new ContentSigner() {
            @Override
            public AlgorithmIdentifier getAlgorithmIdentifier() {
                return algorithm;
            }

            @Override
            public OutputStream getOutputStream() {
                return OutputStream.nullOutputStream();
            }

            @Override
            public byte[] getSignature() {
                return new byte[] { 0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01 };
            }
        };
    }

    private static KeyPair key() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP client that hands its connection handler to the test and renews its SSL options at once. */
    static final class Client {
        final List<Handler<HttpConnection>> handlers = new ArrayList<>();
        int renewals;
        final HttpClient proxy = (HttpClient) Proxy.newProxyInstance(ManyChains.class.getClassLoader(),
                new Class<?>[] { HttpClient.class }, (self, method, args) -> {
                    switch (method.getName()) {
                        case "connectionHandler":
                            @SuppressWarnings("unchecked")
                            Handler<HttpConnection> handler = (Handler<HttpConnection>) args[0];
                            handlers.add(handler);
                            return self;
                        case "updateSSLOptions":
                            renewals++;
                            return Future.succeededFuture(true);
                        case "hashCode":
                            return System.identityHashCode(self);
                        case "equals":
                            return self == args[0];
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });

        /** Opens a TLS connection with this chain to this server; returns the handler that reports its closing. */
        Connection open(List<X509Certificate> chain, String host, long sessionCreated, int sessionTimeoutSeconds) {
            Connection connection = new Connection(chain, host, sessionCreated, sessionTimeoutSeconds);
            handlers.forEach(handler -> handler.handle(connection.proxy));
            return connection;
        }
    }

    /** A TLS connection as {@link OpenConnections} sees it. */
    static final class Connection {
        Handler<Void> closeHandler;
        final HttpConnection proxy;

        Connection(List<X509Certificate> chain, String host, long sessionCreated, int sessionTimeoutSeconds) {
            SSLSessionContext context = (SSLSessionContext) Proxy.newProxyInstance(ManyChains.class.getClassLoader(),
                    new Class<?>[] { SSLSessionContext.class }, (self, method, args) -> {
                        if (method.getName().equals("getSessionTimeout")) {
                            return sessionTimeoutSeconds;
                        }
                        if (method.getName().equals("getSessionCacheSize")) {
                            return OpenConnections.SESSION_CACHE_SIZE;
                        }
                        throw new UnsupportedOperationException(method.getName());
                    });
            SSLSession session = (SSLSession) Proxy.newProxyInstance(ManyChains.class.getClassLoader(),
                    new Class<?>[] { SSLSession.class }, (self, method, args) -> {
                        switch (method.getName()) {
                            case "getSessionContext":
                                return context;
                            case "getCreationTime":
                                return sessionCreated;
                            case "getPeerHost":
                                return host;
                            case "getPeerPort":
                                return 443;
                            case "getProtocol":
                                return "TLSv1.3";
                            case "getCipherSuite":
                                return "TLS_AES_128_GCM_SHA256";
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
            proxy = (HttpConnection) Proxy.newProxyInstance(ManyChains.class.getClassLoader(),
                    new Class<?>[] { HttpConnection.class }, (self, method, args) -> {
                        switch (method.getName()) {
                            case "isSsl":
                                return true;
                            case "peerCertificates":
                                return new ArrayList<>(chain);
                            case "sslSession":
                                return session;
                            case "closeHandler":
                                @SuppressWarnings("unchecked")
                                Handler<Void> handler = (Handler<Void>) args[0];
                                closeHandler = handler;
                                return self;
                            case "shutdown":
                            case "close":
                                return Future.succeededFuture();
                            case "hashCode":
                                return System.identityHashCode(self);
                            case "equals":
                                return self == args[0];
                            default:
                                throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }

        void close() {
            closeHandler.handle(null);
        }
    }
}

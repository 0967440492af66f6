package io.quarkiverse.restclient.verify.diagnosis;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * What a client's trust manager saw during one handshake: the server's chain and its own verdict.
 *
 * @param host the peer host as the TLS engine knows it
 * @param port the peer port
 * @param chain the chain the server presented, leaf first
 * @param failure why the trust manager rejected it, or null if it accepted it
 * @param at when
 */
public record HandshakeEvidence(String host, int port, List<X509Certificate> chain, CertificateException failure,
        Instant at) {
}

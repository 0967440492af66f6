package io.quarkiverse.restclient.verify.diagnosis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The latest handshake evidence of one client per server, so a failure reported on the caller's thread can be
 * explained with the chain the trust manager saw on the I/O thread. Bounded: one entry per host and port.
 */
public final class EvidenceLog {

    private static final int MAX_SERVERS = 512;

    private final Map<String, HandshakeEvidence> latest = new ConcurrentHashMap<>();
    private final Map<String, List<String>> clientCertificateRequests = new ConcurrentHashMap<>();

    /** Records the evidence of a handshake, replacing the previous one for the same server. */
    public void record(HandshakeEvidence evidence) {
        if (latest.size() >= MAX_SERVERS) {
            latest.clear();
        }
        latest.put(key(evidence.host(), evidence.port()), evidence);
    }

    /** Records that a server asked for a client certificate from one of these CAs (empty: any CA). */
    public void recordClientCertificateRequest(String host, int port, List<String> acceptedIssuers) {
        if (clientCertificateRequests.size() >= MAX_SERVERS) {
            clientCertificateRequests.clear();
        }
        clientCertificateRequests.put(key(host, port), List.copyOf(acceptedIssuers));
    }

    /** The CAs a server named when it last asked for a client certificate, if it asked. */
    public Optional<List<String>> clientCertificateRequest(String host, int port) {
        return Optional.ofNullable(clientCertificateRequests.get(key(host, port)));
    }

    /** The latest evidence for a server. */
    public Optional<HandshakeEvidence> latest(String host, int port) {
        return Optional.ofNullable(latest.get(key(host, port)));
    }

    /** The latest rejected handshake of any server, for failures whose server is not known. */
    public Optional<HandshakeEvidence> latestFailure() {
        return latest.values().stream().filter(e -> e.failure() != null)
                .max((a, b) -> a.at().compareTo(b.at()));
    }

    private static String key(String host, int port) {
        return host + ':' + port;
    }
}

package io.quarkiverse.restclient.verify.diagnosis;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CAs each server of one client named when it last asked for a client certificate, so that a refusal reported
 * after the handshake (TLS 1.3 servers send it then) can say which certificate the server wanted. Bounded: one entry
 * per host and port, at most 512 servers.
 */
public final class ClientCertificateRequests {

    private static final int MAX_SERVERS = 512;

    private final Map<String, List<String>> requests = new ConcurrentHashMap<>();

    /** Records that a server asked for a client certificate from one of these CAs (empty: any CA). */
    public void record(String host, int port, List<String> acceptedIssuers) {
        if (requests.size() >= MAX_SERVERS) {
            requests.clear();
        }
        requests.put(key(host, port), List.copyOf(acceptedIssuers));
    }

    /** The CAs a server named when it last asked for a client certificate, if it asked. */
    public Optional<List<String>> of(String host, int port) {
        return Optional.ofNullable(requests.get(key(host, port)));
    }

    private static String key(String host, int port) {
        return host + ':' + port;
    }
}

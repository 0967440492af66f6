package io.quarkiverse.restclient.verify.trust.fetch;

import java.util.List;

/**
 * A server chain completed with fetched intermediates and then accepted by the client's trust.
 *
 * @param host the server's host as the TLS engine knows it, or null
 * @param port the server's port, or -1
 * @param omitted the subjects of the intermediates the server left out, nearest to its own certificate first
 * @param urls where each of them was fetched from (or remembered from), in the same order
 */
public record ChainRepair(String host, int port, List<String> omitted, List<String> urls) {

    public ChainRepair {
        omitted = List.copyOf(omitted);
        urls = List.copyOf(urls);
    }

    /** The server as {@code host:port}. */
    public String server() {
        return (host == null ? "<unknown host>" : host) + ":" + port;
    }
}

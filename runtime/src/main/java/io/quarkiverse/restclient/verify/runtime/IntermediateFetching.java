package io.quarkiverse.restclient.verify.runtime;

import java.net.InetSocketAddress;
import java.util.Optional;

import io.quarkiverse.restclient.verify.trust.lookups.LookupAddresses;

/**
 * How a client fetches intermediates that servers leave out of their chains.
 *
 * @param property the property that turned fetching on, e.g. {@code quarkus.rest-client.partner.verify-fetch-intermediates}
 * @param proxy the client's HTTP proxy ({@code proxy-address}), if it has one; fetches go through it
 * @param addresses where fetches may connect ({@code quarkus.rest-client.verify-lookup-allow})
 */
public record IntermediateFetching(String property, Optional<InetSocketAddress> proxy, LookupAddresses addresses) {

    /** Fetching from public addresses only. */
    public IntermediateFetching(String property, Optional<InetSocketAddress> proxy) {
        this(property, proxy, LookupAddresses.publicOnly());
    }
}

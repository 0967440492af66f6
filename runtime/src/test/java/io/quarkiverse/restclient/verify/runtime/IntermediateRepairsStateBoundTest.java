package io.quarkiverse.restclient.verify.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkiverse.restclient.verify.config.ClientKeys;
import io.quarkiverse.restclient.verify.trust.fetch.ChainRepair;
import io.quarkiverse.restclient.verify.trust.lookups.LookupAddresses;

/**
 * Thousands of servers whose chains were repaired, as a client following server-chosen URLs could meet: the servers
 * remembered as logged stay at their bound, the least recently repaired dropped first, so the server in use is logged
 * once and a new server is still logged.
 */
class IntermediateRepairsStateBoundTest {

    @Test
    void thousandsOfRepairedServersKeepTheBound() {
        IntermediateRepairs repairs = new IntermediateRepairs();
        ClientTrust client = new ClientTrust("fetching", "org.acme.Fetching", ClientKeys.named("fetching"),
                new TrustOrigin.ClientProperty("test"), Optional.empty(), Optional.empty(), Optional.empty(), false,
                Optional.empty(), false,
                Optional.empty(), Optional.of(new IntermediateFetching(
                        "quarkus.rest-client.fetching.verify-fetch-intermediates", Optional.empty(),
                        LookupAddresses.publicOnly())));
        ChainRepair inUse = repair("in-use.test");
        ChainRepair oldest = repair("oldest.test");

        try (CapturedLog log = new CapturedLog()) {
            repairs.repaired(client, oldest);
            repairs.repaired(client, inUse);
            int count = IntermediateRepairs.MAX_LOGGED * 10;
            for (int i = 0; i < count; i++) {
                repairs.repaired(client, repair("server-" + i + ".test"));
                // The server in use is repaired on every handshake.
                repairs.repaired(client, inUse);
            }
            assertThat(log.count("server in-use.test:443 ")).as("lines about the server in use").isEqualTo(1);
            assertThat(log.count("server server-" + (count - 1) + ".test:443 ")).as("the newest server is logged")
                    .isEqualTo(1);
            assertThat(repairs.loggedCount()).as("servers remembered as logged")
                    .isEqualTo(IntermediateRepairs.MAX_LOGGED);

            repairs.repaired(client, oldest);
            assertThat(log.count("server oldest.test:443 ")).as("the oldest was dropped: logged again").isEqualTo(2);
        }
    }

    private static ChainRepair repair(String host) {
        return new ChainRepair(host, 443, List.of("CN=Omitted Intermediate"), List.of("http://ca.example/i.cer"));
    }
}

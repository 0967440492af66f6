package io.quarkiverse.restclient.verify.benchmarks;

/**
 * Full handshakes with a server that omits its intermediate (repaired from the cache after the first fetch) and with
 * the same server sending its full chain, alternated in one JVM with one client (see {@link RepairedChainFixture}):
 * each round times a block of handshakes with each server, the order swapping every round. Prints the median block
 * times, the throughput ratio of the medians and the median of the rounds' own ratios (see {@link AlternatingRounds}).
 * <p>
 * Arguments: handshakes per block (default 200), warm-up rounds (default 10), measured rounds (default 20).
 */
public final class RepairedChainRounds {

    private RepairedChainRounds() {
    }

    public static void main(String[] args) throws Exception {
        AlternatingRounds rounds = AlternatingRounds.fromArguments(args);
        AlternatingRounds.Outcome outcome;
        try (RepairedChainFixture fixture = new RepairedChainFixture()) {
            outcome = rounds.alternate(
                    new AlternatingRounds.Side("repaired chain", "repaired",
                            () -> fixture.handshakeAndGet(fixture.repaired)),
                    new AlternatingRounds.Side("full chain", "full", () -> fixture.handshakeAndGet(fixture.full)));
        }
        outcome.print("");
    }
}

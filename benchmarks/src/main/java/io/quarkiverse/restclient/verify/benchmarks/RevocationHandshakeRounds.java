package io.quarkiverse.restclient.verify.benchmarks;

/**
 * Full handshakes with {@code verify-revocation=stapled} and with {@code off}, alternated in one JVM against one
 * stapling server (the order swaps every round). Prints the median block time of each and the throughput ratio
 * stapled / off (goal: at least 0.9); see {@link AlternatingRounds}.
 * <p>
 * Arguments: handshakes per block (default 200), warm-up rounds (default 10), measured rounds (default 20).
 */
public final class RevocationHandshakeRounds {

    private RevocationHandshakeRounds() {
    }

    public static void main(String[] args) throws Exception {
        AlternatingRounds rounds = AlternatingRounds.fromArguments(args);
        AlternatingRounds.Outcome outcome;
        try (RevocationHandshakeFixture fixture = new RevocationHandshakeFixture()) {
            outcome = rounds.alternate(
                    new AlternatingRounds.Side("stapled", "stapled",
                            () -> fixture.handshakeAndGet(fixture.stapledContext)),
                    new AlternatingRounds.Side("off", "off", () -> fixture.handshakeAndGet(fixture.offContext)));
        }
        // Its own lines, as recorded in the README's revocation figures.
        outcome.printMediansOnly();
    }
}

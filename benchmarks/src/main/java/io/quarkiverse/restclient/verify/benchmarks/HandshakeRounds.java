package io.quarkiverse.restclient.verify.benchmarks;

/**
 * Full handshakes with the extension's trust chain and with the JDK's PKIX trust manager, alternated in one JVM: each
 * round times a block of handshakes with each client (the order swaps every round), so a load change on the shared
 * machine hits both. Prints the median block time of each, the throughput ratio of the medians and the median of the
 * rounds' own ratios (see {@link AlternatingRounds}).
 * <p>
 * Arguments: handshakes per block (default 200), warm-up rounds (default 10), measured rounds (default 20), and
 * {@code control} to run the JDK client against a second, identical JDK client instead: the ratio that the harness
 * itself produces when nothing differs.
 */
public final class HandshakeRounds {

    private HandshakeRounds() {
    }

    public static void main(String[] args) throws Exception {
        AlternatingRounds rounds = AlternatingRounds.fromArguments(args);
        boolean control = args.length > 3 && args[3].equals("control");
        AlternatingRounds.Outcome outcome;
        try (HandshakeFixture fixture = new HandshakeFixture()) {
            AlternatingRounds.Side candidate = control
                    ? new AlternatingRounds.Side("JDK PKIX (2nd)", "JDK (2nd)",
                            () -> fixture.handshakeAndGet(fixture.jdkControlContext))
                    : new AlternatingRounds.Side("extension chain", "extension",
                            () -> fixture.handshakeAndGet(fixture.extensionContext));
            outcome = rounds.alternate(candidate,
                    new AlternatingRounds.Side("JDK PKIX", "JDK", () -> fixture.handshakeAndGet(fixture.jdkContext)));
        }
        outcome.print(control ? ", CONTROL: a second JDK client in place of the extension's" : "");
    }
}

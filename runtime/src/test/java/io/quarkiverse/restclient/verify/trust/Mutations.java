package io.quarkiverse.restclient.verify.trust;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Hostile input for the property-based tests: arbitrary bytes, PEM-looking text made of the readers' own markers, and
 * small mutations (flips, cuts, repeats, insertions) of valid files, so that the readers meet damaged files close
 * enough to real ones to reach their deeper code.
 */
public final class Mutations {

    /** How long any single read may take, whatever the input. */
    static final Duration BOUND = Duration.ofSeconds(3);

    private static final List<String> PEM_PARTS = List.of("-----BEGIN ", "-----END ", "-----", "CERTIFICATE",
            "TRUSTED CERTIFICATE", "X509 CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY", "Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-256-CBC,00", "\n", "\r\n", "\r", " ",
            "\t", "\u00ef\u00bb\u00bf", "MIIB", "MA==", "====", "AAAA", "/+/+", ":", "\u0000", "\u001b[2J", "é");

    private Mutations() {
    }

    /** One change to a file. */
    public record Mutation(int kind, int position, int length, byte value) {
    }

    /** Any bytes, up to 2 KB. */
    public static Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
    }

    /** Text made of PEM markers, labels, line ends and base64 fragments. */
    public static Arbitrary<byte[]> pemLike() {
        return Arbitraries.of(PEM_PARTS).list().ofMaxSize(60)
                .map(parts -> String.join("", parts).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The valid content with one to four changes. */
    public static Arbitrary<byte[]> mutationsOf(byte[] valid) {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, valid.length), Arbitraries.integers().between(1, 96),
                Arbitraries.bytes()).as(Mutation::new);
        return mutation.list().ofMinSize(1).ofMaxSize(4).map(changes -> apply(valid, changes));
    }

    public static byte[] apply(byte[] valid, List<Mutation> changes) {
        byte[] content = valid;
        for (Mutation change : changes) {
            content = apply(content, change);
        }
        return content;
    }

    private static byte[] apply(byte[] content, Mutation change) {
        int at = Math.min(change.position(), content.length);
        int length = Math.min(change.length(), content.length - at);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        switch (change.kind()) {
            case 0: // flip one byte
                if (at < content.length) {
                    byte[] copy = content.clone();
                    copy[at] ^= change.value() == 0 ? 1 : change.value();
                    return copy;
                }
                return content;
            case 1: // truncate
                return Arrays.copyOf(content, at);
            case 2: // delete a range
                out.write(content, 0, at);
                out.write(content, at + length, content.length - at - length);
                return out.toByteArray();
            case 3: // repeat a range
                out.write(content, 0, at + length);
                out.write(content, at, length);
                out.write(content, at + length, content.length - at - length);
                return out.toByteArray();
            case 4: // insert a run of one byte
                out.write(content, 0, at);
                for (int i = 0; i < length; i++) {
                    out.write(change.value());
                }
                out.write(content, at, content.length - at);
                return out.toByteArray();
            case 5: // overwrite a range with one byte
                byte[] copy = content.clone();
                Arrays.fill(copy, at, at + length, change.value());
                return copy;
            default: // swap the halves at the position
                out.write(content, at, content.length - at);
                out.write(content, 0, at);
                return out.toByteArray();
        }
    }

    /** Runs the read within {@link #BOUND}; a read that takes longer fails the property like a wrong result. */
    public static void withinBound(Runnable read) {
        assertTimeoutPreemptively(BOUND, read::run);
    }
}

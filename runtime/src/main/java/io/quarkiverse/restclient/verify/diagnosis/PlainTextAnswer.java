package io.quarkiverse.restclient.verify.diagnosis;

import java.util.Arrays;

/**
 * The first bytes a server sent where a TLS record was expected, carried as a suppressed exception of the engine's
 * "not an SSL/TLS record" failure: BoringSSL's engine reports that failure without the bytes, where the JDK's path
 * through Netty quotes them, so the explanation can show the answer on either engine. Evidence only: it has no stack
 * trace and is never thrown.
 */
public final class PlainTextAnswer extends Exception {

    private static final long serialVersionUID = 1L;

    /** The most bytes kept: more than the one line of the answer an explanation shows. */
    public static final int MAX_BYTES = 256;

    private final byte[] bytes;

    /** The first bytes of the answer; only the first {@value #MAX_BYTES} are kept. */
    public PlainTextAnswer(byte[] bytes) {
        super("the first " + Math.min(bytes.length, MAX_BYTES) + " bytes the server sent instead of a TLS record", null,
                false, false);
        this.bytes = Arrays.copyOf(bytes, Math.min(bytes.length, MAX_BYTES));
    }

    /** The bytes, as received. */
    public byte[] bytes() {
        return bytes.clone();
    }
}

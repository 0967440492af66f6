package io.quarkiverse.restclient.verify.runtime.engine;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The TLS engines a REST client can run on, with the words {@code ssl-engine} takes for each: the words of this
 * extension and those of the Quarkus TLS registry's {@code ssl-engine} ({@code jdkssl}, {@code openssl}).
 */
public enum SslEngine {

    /** The JDK's TLS engine (SunJSSE), the default. */
    JDK("jdk", List.of("jdk", "jdkssl")),
    /** BoringSSL through {@code io.netty:netty-tcnative-boringssl-static}, Netty's OpenSSL engine. */
    OPENSSL("openssl", List.of("openssl"));

    private final String word;
    private final List<String> words;

    SslEngine(String word, List<String> words) {
        this.word = word;
        this.words = words;
    }

    /** The word that names this engine in messages and docs. */
    public String word() {
        return word;
    }

    /** The engine a written value names, in any case; empty for a word that names none. */
    public static Optional<SslEngine> of(String value) {
        String word = value.trim().toLowerCase(Locale.ROOT);
        for (SslEngine engine : values()) {
            if (engine.words.contains(word)) {
                return Optional.of(engine);
            }
        }
        return Optional.empty();
    }

    /** Every word {@code ssl-engine} takes, for a message: {@code jdk, jdkssl or openssl}. */
    public static String allWords() {
        return "jdk (or jdkssl) or openssl";
    }
}

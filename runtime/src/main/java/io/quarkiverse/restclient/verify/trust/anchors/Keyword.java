package io.quarkiverse.restclient.verify.trust.anchors;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.quarkiverse.restclient.verify.trust.Spelling;

/**
 * The words of a {@code verify} value that name a trust source instead of a path, in any case. This enum is the one
 * place a keyword is defined: its words, its help, the words other tools use for it, and how it loads. The parse
 * error, the typo hints and the keyword lists of the docs (checked by a test) follow it.
 */
public enum Keyword {

    /** The JDK default trust store (cacerts). */
    DEFAULT(List.of("true", "default"), "the JDK default trust store", List.of("yes", "on")) {
        @Override
        Loaded load(ClassLoader classLoader) {
            List<X509Certificate> jdk = List.of(JdkDefaultTrust.trustManager().getAcceptedIssuers());
            return new Loaded(jdk, "JDK default trust (" + TrustMaterial.count(jdk) + ")", List.of(), Map.of());
        }
    },
    /** The operating system's trust store. */
    SYSTEM(List.of("system"), "the operating system's trust store", List.of()) {
        @Override
        Loaded load(ClassLoader classLoader) {
            SystemTrust system = SystemTrust.load();
            return new Loaded(system.certificates(), system.description(), SystemTrust.limitation().stream().toList(),
                    Map.of());
        }
    },
    /** The Mozilla CA bundle of the {@code quarkus-rest-client-verify-mozilla-ca} artifact. */
    MOZILLA(List.of("mozilla"), "the Mozilla CA bundle of the artifact quarkus-rest-client-verify-mozilla-ca",
            List.of("certifi")) {
        @Override
        Loaded load(ClassLoader classLoader) {
            MozillaCaBundle mozilla = MozillaCaBundle.load(classLoader);
            return new Loaded(mozilla.certificates(), mozilla.description(),
                    mozilla.staleness(Clock.systemUTC()).stream().toList(), mozilla.distrustAfter());
        }
    },
    /** {@code verify=false}: no certificate and no hostname verification. */
    FALSE(List.of("false"), "no certificate and no hostname checks; only valid alone", List.of("no", "off", "none")) {
        @Override
        Loaded load(ClassLoader classLoader) {
            return new Loaded(List.of(), "nothing (verify=false: no certificate chain or hostname checks)",
                    List.of(), Map.of());
        }
    };

    private final List<String> words;
    private final String help;
    private final List<String> habits;

    Keyword(List<String> words, String help, List<String> habits) {
        this.words = words;
        this.help = help;
        this.habits = habits;
    }

    /** The words that select this keyword, lower case; the first is the one shown for a loaded source. */
    public List<String> words() {
        return words;
    }

    /** What the keyword trusts, in a few words, for messages and lists. */
    public String help() {
        return help;
    }

    /** The keyword written by this word (any case), if any. */
    public static Optional<Keyword> forWord(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.words.contains(lower)).findFirst();
    }

    /**
     * Every keyword with its help, for a message: {@code true or default (the JDK default trust store), system (...),
     * ...}.
     */
    public static String described() {
        return Arrays.stream(values()).map(k -> String.join(" or ", k.words) + " (" + k.help + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * The keyword a word that is not one was probably meant as: a word other tools use for it ({@code yes},
     * {@code off}), or a keyword within a typo or two ({@code mozila}).
     */
    static Optional<String> meant(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        for (Keyword keyword : values()) {
            if (keyword.habits.contains(lower)) {
                return Optional.of(keyword.words.get(0));
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Keyword keyword : values()) {
            // A guessed typo must never be the value that turns verification off.
            if (keyword == FALSE) {
                continue;
            }
            for (String candidate : keyword.words) {
                int distance = Spelling.distance(lower, candidate);
                if (distance <= Math.max(1, candidate.length() / 3) && distance < bestDistance) {
                    best = candidate;
                    bestDistance = distance;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** Loads the trust this keyword names; {@code classLoader} is where an artifact's bundle is looked up. */
    abstract Loaded load(ClassLoader classLoader);

    /**
     * What a keyword loaded.
     *
     * @param certificates the trust anchors
     * @param description the part of the start-up line, e.g. {@code JDK default trust (140 CA certificates)}
     * @param warnings what to warn about at start-up
     * @param distrustAfter the anchors that only vouch for certificates issued before a date
     */
    record Loaded(List<X509Certificate> certificates, String description, List<String> warnings,
            Map<X509Certificate, Instant> distrustAfter) {
    }
}

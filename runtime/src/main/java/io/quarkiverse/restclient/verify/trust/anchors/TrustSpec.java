package io.quarkiverse.restclient.verify.trust.anchors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * A parsed {@code verify} value: the comma-separated trust sources whose union a REST client trusts.
 * <p>
 * A source is a {@link Keyword}, {@code classpath:<path>}, or else a file or directory path. Write {@code ./default}
 * for a file that happens to be called {@code default}.
 */
public final class TrustSpec {

    private final String value;
    private final List<TrustSource> sources;

    private TrustSpec(String value, List<TrustSource> sources) {
        this.value = value;
        this.sources = List.copyOf(sources);
    }

    /**
     * Parses a {@code verify} value.
     *
     * @throws TrustMaterialException when the value is empty or mixes {@code false} with other sources
     */
    public static TrustSpec parse(String value) {
        Set<TrustSource> sources = new LinkedHashSet<>();
        for (String token : value.split(",")) {
            String trimmed = token.trim();
            if (!trimmed.isEmpty()) {
                sources.add(TrustSource.of(trimmed));
            }
        }
        if (sources.isEmpty()) {
            throw new TrustMaterialException("the value is empty. Fix: use a CA bundle file, a CA directory,"
                    + " classpath:<path>, a keyword (" + Keyword.described() + "), or a comma-separated list of these");
        }
        boolean insecure = sources.stream().anyMatch(s -> s.is(Keyword.FALSE));
        if (insecure && sources.size() > 1) {
            throw new TrustMaterialException("'" + value.trim() + "' mixes false with other trust sources; false turns"
                    + " every check off and cannot be combined. Fix: remove false to trust the listed sources, or use"
                    + " false alone");
        }
        return new TrustSpec(value.trim(), new ArrayList<>(sources));
    }

    /** The single source for an environment variable such as {@code REQUESTS_CA_BUNDLE}: always a path. */
    public static TrustSpec path(String path) {
        return new TrustSpec(path, List.of(new TrustSource(TrustSource.Kind.PATH, path)));
    }

    /** The JDK default trust, what a client with nothing configured uses. */
    public static TrustSpec jdkDefault() {
        return new TrustSpec("default", List.of(TrustSource.of(Keyword.DEFAULT)));
    }

    /** The value as written. */
    public String value() {
        return value;
    }

    /** The sources, in the order written, without duplicates. */
    public List<TrustSource> sources() {
        return sources;
    }

    /** Whether this is {@code verify=false}. */
    public boolean insecure() {
        return sources.size() == 1 && sources.get(0).is(Keyword.FALSE);
    }

    /** The file and directory paths among the sources: what a reload reads again. */
    public List<Path> files() {
        return sources.stream().filter(s -> s.kind() == TrustSource.Kind.PATH).map(s -> Path.of(s.location()))
                .toList();
    }

    /** Whether the JDK default trust is part of the union. */
    public boolean includesJdkDefault() {
        return sources.stream().anyMatch(s -> s.is(Keyword.DEFAULT));
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * One source of trust inside a {@code verify} value.
     *
     * @param kind what the source is
     * @param location the path or classpath resource, or the keyword's first word
     */
    public record TrustSource(Kind kind, String location) {

        /** The kinds of trust source. */
        public enum Kind {
            /** A {@link Keyword}: {@code default}, {@code system}, {@code mozilla}, {@code false}, ... */
            KEYWORD,
            /** A PEM or DER file, or an OpenSSL CA directory. */
            PATH,
            /** A bundle shipped inside the application. */
            CLASSPATH
        }

        /** The source a keyword names. */
        public static TrustSource of(Keyword keyword) {
            return new TrustSource(Kind.KEYWORD, keyword.words().get(0));
        }

        /** The keyword, when this source is one. */
        public Optional<Keyword> keyword() {
            return kind == Kind.KEYWORD ? Keyword.forWord(location) : Optional.empty();
        }

        /** Whether this source is the given keyword. */
        public boolean is(Keyword keyword) {
            return keyword().filter(keyword::equals).isPresent();
        }

        static TrustSource of(String token) {
            Optional<Keyword> keyword = Keyword.forWord(token);
            if (keyword.isPresent()) {
                return of(keyword.get());
            }
            if (token.toLowerCase(Locale.ROOT).startsWith("classpath:")) {
                String resource = token.substring("classpath:".length()).trim();
                while (resource.startsWith("/")) {
                    resource = resource.substring(1);
                }
                if (resource.isEmpty()) {
                    throw new TrustMaterialException("'" + token + "' names no resource. Fix: write"
                            + " classpath:<path inside the application>, e.g. classpath:certs/corp.pem");
                }
                return new TrustSource(Kind.CLASSPATH, resource);
            }
            return new TrustSource(Kind.PATH, NewcomerValues.checkPath(token));
        }
    }
}

package io.quarkiverse.restclient.verify.trust.anchors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.quarkiverse.restclient.verify.trust.TrustMaterialException;

/**
 * A parsed {@code verify} value: the comma-separated trust sources whose union a REST client trusts.
 * <p>
 * Keywords are {@code true}/{@code default} (JDK default trust), {@code system} (the operating system's store),
 * {@code false} (no verification, only valid alone), {@code mozilla} (the Mozilla CA bundle artifact) and
 * {@code classpath:<path>}; anything else is a file or
 * directory path. Write {@code ./default} for a file that happens to be called {@code default}.
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
            throw new TrustMaterialException("the value is empty. Fix: use true (JDK default trust), a CA bundle file,"
                    + " a CA directory, classpath:<path>, system, mozilla, or a comma-separated list of these");
        }
        boolean insecure = sources.stream().anyMatch(s -> s.kind() == TrustSource.Kind.INSECURE);
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
        return new TrustSpec("default", List.of(new TrustSource(TrustSource.Kind.DEFAULT, "default")));
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
        return sources.size() == 1 && sources.get(0).kind() == TrustSource.Kind.INSECURE;
    }

    /** The file and directory paths among the sources: what a reload reads again. */
    public List<Path> files() {
        return sources.stream().filter(s -> s.kind() == TrustSource.Kind.PATH).map(s -> Path.of(s.location()))
                .toList();
    }

    /** Whether the JDK default trust is part of the union. */
    public boolean includesJdkDefault() {
        return sources.stream().anyMatch(s -> s.kind() == TrustSource.Kind.DEFAULT);
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * One source of trust inside a {@code verify} value.
     *
     * @param kind what the source is
     * @param location the path or classpath resource, or the keyword as written
     */
    public record TrustSource(Kind kind, String location) {

        /** The kinds of trust source. */
        public enum Kind {
            /** The JDK default trust store (cacerts). */
            DEFAULT,
            /** The operating system's trust store. */
            SYSTEM,
            /** A PEM or DER file, or an OpenSSL CA directory. */
            PATH,
            /** A bundle shipped inside the application. */
            CLASSPATH,
            /** The Mozilla CA bundle of the {@code quarkus-rest-client-verify-mozilla-ca} artifact. */
            MOZILLA,
            /** {@code verify=false}. */
            INSECURE
        }

        static TrustSource of(String token) {
            String keyword = token.toLowerCase(Locale.ROOT);
            switch (keyword) {
                case "true":
                case "default":
                    return new TrustSource(Kind.DEFAULT, "default");
                case "system":
                    return new TrustSource(Kind.SYSTEM, "system");
                case "mozilla":
                    return new TrustSource(Kind.MOZILLA, "mozilla");
                case "false":
                    return new TrustSource(Kind.INSECURE, "false");
                default:
                    if (keyword.startsWith("classpath:")) {
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
}

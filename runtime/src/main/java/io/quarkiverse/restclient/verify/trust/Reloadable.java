package io.quarkiverse.restclient.verify.trust;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Material loaded from files that may be replaced while the application runs: a trust bundle or a client certificate.
 * Readers always see one complete loaded value. {@link #reload()} loads again only when the files' content changed,
 * and swaps in the new value only when it loads cleanly: a broken file keeps the last good value.
 *
 * @param <T> what the files load into
 */
public final class Reloadable<T> {

    /**
     * A kind of material that can be reloaded, describing itself: what it holds, what changed since the value before it,
     * and how a change reaches the connections opened with the value before it.
     *
     * @param <M> the material itself
     */
    public interface Kind<M extends Kind<M>> {

        /** What this value holds, e.g. {@code file /certs/corp.pem (3 CAs)}. */
        String description();

        /** What a client does with this value, for the line that announces a reload, e.g. {@code now trusts ...}. */
        String inUse();

        /** What changed since the value in use before, for the line that announces a reload. */
        String whatChanged(M previous);

        /**
         * The trust manager that open connections are judged by again after a reload, keeping those it accepts; empty
         * when every open connection must close (it was opened with material that is no longer used, such as another
         * client certificate).
         */
        Optional<X509ExtendedTrustManager> judgesOpenConnections();
    }

    /** What a {@link #reload()} did. */
    public enum Change {
        /** The files hold what was loaded last (or were changing while they were read: the next check decides). */
        UNCHANGED,
        /** New content loaded and now in use. */
        RELOADED,
        /** New content that does not load; the last good value stays in use. Reported once per bad content. */
        FAILED,
        /** The same bad content as the last check; already reported. */
        STILL_FAILING,
        /** The files went back to the content in use after a failure. */
        RECOVERED
    }

    /**
     * The result of one check.
     *
     * @param change what happened
     * @param previous the value in use before the check
     * @param current the value in use after the check
     * @param failure why the new content does not load, for {@link Change#FAILED} and {@link Change#STILL_FAILING}
     */
    public record Outcome<T>(Change change, T previous, T current, String failure) {
    }

    /**
     * One loaded value and the generation it belongs to, so that the parts of one handshake (a certificate chain and
     * its key) come from the same load.
     */
    public record Generation<T>(long number, T value, String contentHash) {
    }

    private final String source;
    private final Supplier<String> contentHash;
    private final Supplier<T> loader;
    private volatile Generation<T> current;
    private volatile Generation<T> previous;
    private String failedHash;
    private volatile String failure;
    private volatile Instant failingSince;
    private volatile Instant loadedAt = Instant.now();

    private Reloadable(String source, Supplier<String> contentHash, Supplier<T> loader, Generation<T> first) {
        this.source = source;
        this.contentHash = contentHash;
        this.loader = loader;
        this.current = first;
    }

    /**
     * Loads the value for the first time.
     *
     * @param source the files, as people know them, e.g. {@code /certs/corp.pem}
     * @param contentHash the hash of what the files hold now, see {@code trust.files.FileContents#hash}
     * @param loader loads the files; throws {@link TrustMaterialException} for bad content
     * @throws TrustMaterialException when the files do not load
     */
    public static <T> Reloadable<T> load(String source, Supplier<String> contentHash, Supplier<T> loader) {
        String hash = contentHash.get();
        T value = Objects.requireNonNull(loader.get(), "loaded value");
        return new Reloadable<>(source, contentHash, loader, new Generation<>(1, value, hash));
    }

    /** A value that is never reloaded, such as {@code verify=default}. */
    public static <T> Reloadable<T> fixed(String source, T value) {
        return new Reloadable<>(source, () -> "fixed", () -> value, new Generation<>(1, value, "fixed"));
    }

    /** The files, as people know them. */
    public String source() {
        return source;
    }

    /** The value in use. */
    public T current() {
        return current.value;
    }

    /** The value in use with its generation. */
    public Generation<T> generation() {
        return current;
    }

    /**
     * The value of this generation if it is the current or the one before it (a handshake that began before a swap),
     * else null.
     */
    public T generation(long number) {
        Generation<T> now = current;
        if (now.number == number) {
            return now.value;
        }
        Generation<T> before = previous;
        return before != null && before.number == number ? before.value : null;
    }

    /** Why the files' newest content does not load, while it does not; else null. */
    public String failure() {
        return failure;
    }

    /** When the files' newest content was first found not to load, while it does not; else null. */
    public Instant failingSince() {
        return failingSince;
    }

    /** When the value in use was loaded. */
    public Instant loadedAt() {
        return loadedAt;
    }

    /** Checks the files and loads them again if their content changed. Safe to call from several threads. */
    public synchronized Outcome<T> reload() {
        Generation<T> now = current;
        String hash = contentHash.get();
        if (hash.equals(now.contentHash)) {
            if (failure != null) {
                failure = null;
                failingSince = null;
                failedHash = null;
                return new Outcome<>(Change.RECOVERED, now.value, now.value, null);
            }
            return new Outcome<>(Change.UNCHANGED, now.value, now.value, null);
        }
        if (hash.equals(failedHash)) {
            return new Outcome<>(Change.STILL_FAILING, now.value, now.value, failure);
        }
        T loaded;
        try {
            loaded = Objects.requireNonNull(loader.get(), "loaded value");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // Anything the content makes the loader throw is that content's failure: reported once, the old value kept.
            if (!hash.equals(contentHash.get())) {
                // Written to while read: judge the content once it holds still.
                return new Outcome<>(Change.UNCHANGED, now.value, now.value, null);
            }
            if (failure == null) {
                failingSince = Instant.now();
            }
            failedHash = hash;
            failure = e instanceof TrustMaterialException ? e.getMessage()
                    : "cannot be loaded (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
            return new Outcome<>(Change.FAILED, now.value, now.value, failure);
        }
        if (!hash.equals(contentHash.get())) {
            return new Outcome<>(Change.UNCHANGED, now.value, now.value, null);
        }
        previous = now;
        current = new Generation<>(now.number + 1, loaded, hash);
        loadedAt = Instant.now();
        failedHash = null;
        failure = null;
        failingSince = null;
        return new Outcome<>(Change.RELOADED, now.value, loaded, null);
    }

    @Override
    public String toString() {
        return source;
    }
}

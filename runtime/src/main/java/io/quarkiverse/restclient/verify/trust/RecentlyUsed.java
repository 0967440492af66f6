package io.quarkiverse.restclient.verify.trust;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Maps and sets that keep at most a given number of entries, dropping the one used least recently: for what is kept
 * per key that servers choose (URLs, certificates, answers), so that a hostile server sending a new key on every
 * handshake evicts its own entries instead of growing the heap. Thread-safe; each call holds one lock.
 */
public final class RecentlyUsed {

    private RecentlyUsed() {
    }

    /** A thread-safe map of at most {@code max} entries; a read or a write makes an entry the most recent. */
    public static <K, V> Map<K, V> map(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive, got " + max);
        }
        return Collections.synchronizedMap(new LinkedHashMap<K, V>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        });
    }

    /** A thread-safe set of at most {@code max} elements; adding an element again makes it the most recent. */
    public static <E> Set<E> set(int max) {
        return Collections.newSetFromMap(map(max));
    }
}

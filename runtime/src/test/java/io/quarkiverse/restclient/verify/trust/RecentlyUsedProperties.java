package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Whatever the order of reads and writes, a bounded map never holds more than its bound, and it holds exactly the
 * keys used most recently: a stream of new keys evicts the oldest, never an entry that was just read or written.
 */
class RecentlyUsedProperties {

    /** One read ({@code put == false}) or write of a key. */
    record Use(boolean put, int key) {
    }

    @Property(tries = 300)
    void keepsTheMostRecentlyUsedWithinTheBound(@ForAll @IntRange(min = 1, max = 40) int max,
            @ForAll("uses") List<Use> uses) {
        Map<Integer, Integer> map = RecentlyUsed.map(max);
        // The reference: keys from least to most recently used, of those the map should still hold.
        Deque<Integer> recent = new ArrayDeque<>();
        for (Use use : uses) {
            if (use.put()) {
                map.put(use.key(), use.key());
                recent.remove(use.key());
                recent.addLast(use.key());
                if (recent.size() > max) {
                    recent.removeFirst();
                }
            } else if (map.get(use.key()) != null) {
                recent.remove(use.key());
                recent.addLast(use.key());
            }
            assertThat(map.size()).isLessThanOrEqualTo(max);
        }
        assertThat(map.keySet()).isEqualTo(new HashSet<>(recent));
    }

    @Provide
    Arbitrary<List<Use>> uses() {
        // Keys from a space a few times the largest bound, so that entries are both read again and evicted.
        Arbitrary<Use> use = Arbitraries.integers().between(0, 150).flatMap(
                key -> Arbitraries.of(true, true, false).map(put -> new Use(put, key)));
        return use.list().ofMaxSize(600);
    }
}

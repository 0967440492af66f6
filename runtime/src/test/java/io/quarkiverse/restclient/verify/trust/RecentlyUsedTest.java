package io.quarkiverse.restclient.verify.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** What a hostile server's stream of new keys does to a bounded map: it evicts its own entries, not the used ones. */
class RecentlyUsedTest {

    @Test
    void thousandsOfNewKeysKeepTheBoundAndTheEntriesInUse() {
        Map<String, Integer> map = RecentlyUsed.map(1024);
        map.put("in use", -1);
        for (int i = 0; i < 10_000; i++) {
            map.put("https://hostile.example/" + i, i);
            // An entry read on every handshake stays, however many new keys arrive.
            assertThat(map.get("in use")).isEqualTo(-1);
        }
        assertThat(map).hasSize(1024).containsKey("in use").containsKey("https://hostile.example/9999")
                .containsKey("https://hostile.example/8977").doesNotContainKey("https://hostile.example/8976")
                .doesNotContainKey("https://hostile.example/0");
    }

    @Test
    void aSetKeepsTheMostRecentlyAdded() {
        Set<String> set = RecentlyUsed.set(256);
        set.add("warned first");
        for (int i = 0; i < 5_000; i++) {
            set.add("url " + i);
            set.add("warned first");
        }
        assertThat(set).hasSize(256).contains("warned first", "url 4999").doesNotContain("url 0");
    }
}

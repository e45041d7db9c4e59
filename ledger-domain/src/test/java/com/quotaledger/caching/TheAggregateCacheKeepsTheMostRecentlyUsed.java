package com.quotaledger.caching;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class TheAggregateCacheKeepsTheMostRecentlyUsed {

    @Test
    void itHoldsNoMoreThanItsCapacityAndDropsTheLeastRecentlyUsedFirst() {
        LeastRecentlyUsedCache cache = new LeastRecentlyUsedCache(3);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        assertThat(cache.<String, Integer>get("a")).isEqualTo(1);

        cache.put("d", 4);

        assertThat(cache.containsKey("b")).isFalse();
        assertThat(List.of("a", "c", "d")).allSatisfy(key -> assertThat(cache.containsKey(key)).isTrue());
    }

    @Test
    void whatItHoldsSurvivesGarbageCollection() {
        LeastRecentlyUsedCache cache = new LeastRecentlyUsedCache(100);
        IntStream.range(0, 100).forEach(i -> cache.put("aggregate-" + i, new byte[1024]));

        System.gc();

        assertThat(IntStream.range(0, 100)).allSatisfy(i -> assertThat(cache.containsKey("aggregate-" + i)).isTrue());
    }

    @Test
    void putIfAbsentKeepsTheFirstAndComputeIfPresentReplacesOrRemoves() {
        LeastRecentlyUsedCache cache = new LeastRecentlyUsedCache(10);
        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat(cache.<String, Integer>get("a")).isEqualTo(1);

        cache.<Integer>computeIfPresent("a", value -> value + 10);
        cache.<Integer>computeIfPresent("absent", value -> value + 10);
        assertThat(cache.<String, Integer>get("a")).isEqualTo(11);
        assertThat(cache.containsKey("absent")).isFalse();

        cache.<Integer>computeIfPresent("a", value -> null);
        assertThat(cache.containsKey("a")).isFalse();
    }

    @Test
    void listenersHearWhatHappensToEachEntry() {
        LeastRecentlyUsedCache cache = new LeastRecentlyUsedCache(1);
        List<String> heard = new ArrayList<>();
        var registration = cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryUpdated(Object key, Object value) {
                heard.add("updated " + key);
            }

            @Override
            public void onEntryRemoved(Object key) {
                heard.add("removed " + key);
            }

            @Override
            public void onEntryExpired(Object key) {
                heard.add("expired " + key);
            }
        });

        cache.put("a", 1);
        cache.put("a", 2);
        cache.put("b", 3);
        cache.remove("b");
        registration.cancel();
        cache.put("c", 4);

        assertThat(heard).containsExactly("created a", "updated a", "expired a", "created b", "removed b");
    }
}

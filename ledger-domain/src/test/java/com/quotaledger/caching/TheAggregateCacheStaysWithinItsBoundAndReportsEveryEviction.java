package com.quotaledger.caching;

import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which entry leaves when the cache is full is Caffeine's choice, and not always the least recently used: these
 * prove what the ledger needs of it instead. It holds no more than its capacity, a busy aggregate stays, and every
 * entry that leaves is reported, so that what its listeners were told is what it holds.
 */
class TheAggregateCacheStaysWithinItsBoundAndReportsEveryEviction {

    @Test
    void aSingleWriterNeverSeesMoreThanItsCapacity() {
        BoundedCache cache = new BoundedCache(3);
        Random random = new Random(7);
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String key = "aggregate-" + i;
            cache.put(key, i);
            written.add(key);
            cache.get(written.get(random.nextInt(written.size())));

            assertThat(held(cache, written)).as("after writing %s", key).hasSizeLessThanOrEqualTo(3);
        }

        assertThat(held(cache, written)).hasSize(3);
        assertThat(cache.size()).isEqualTo(3);
    }

    @Test
    void anEntryReadOverAndOverStaysWhileOneOffEntriesPassThrough() {
        BoundedCache cache = new BoundedCache(100);
        cache.put("busy", "a recipient asked for on every tenth command");

        for (int i = 0; i < 10_000; i++) {
            cache.put("one-off-" + i, i);
            if (i % 10 == 0) {
                assertThat(cache.<String, String>get("busy")).as("after %d one-off entries", i).isNotNull();
            }
        }

        assertThat(cache.containsKey("busy")).isTrue();
        assertThat(cache.size()).isEqualTo(100);
    }

    @Test
    void whatListenersWereToldIsWhatItHoldsAfterEveryChange() {
        BoundedCache cache = new BoundedCache(10);
        TrackedEntries told = new TrackedEntries();
        cache.registerCacheEntryListener(told);
        List<String> keys = IntStream.range(0, 50).mapToObj(i -> "aggregate-" + i).toList();
        Random random = new Random(11);

        for (int change = 0; change < 5_000; change++) {
            String key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(6)) {
                case 0, 1 -> cache.put(key, change);
                case 2 -> cache.putIfAbsent(key, change);
                case 3 -> cache.computeIfAbsent(key, () -> "supplied");
                case 4 -> cache.<Object>computeIfPresent(key, value -> random.nextBoolean() ? null : "updated");
                default -> cache.remove(key);
            }

            assertThat(told.held).as("after change %d, to %s", change, key).isEqualTo(held(cache, keys));
        }
        assertThat(told.contradictions).isEmpty();
        assertThat(told.expired).as("entries evicted").hasPositiveValue();
        assertThat(told.created.get() - told.removed.get() - told.expired.get()).isEqualTo(cache.size());
    }

    @Test
    void writersThatMeetEachOtherLeaveItWithinItsCapacityOnceMaintainedAndReportEveryEviction() throws Exception {
        int writers = 8;
        int keysEach = 5_000;
        BoundedCache cache = new BoundedCache(100);
        TrackedEntries told = new TrackedEntries();
        cache.registerCacheEntryListener(told);
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> written = IntStream.range(0, writers).<Future<?>>mapToObj(writer -> threads.submit(() -> {
                start.await();
                for (int i = 0; i < keysEach; i++) {
                    String key = "aggregate-" + writer + "-" + i;
                    cache.put(key, i);
                    cache.get("aggregate-" + writer + "-" + i / 2);
                    if (i % 7 == 0) {
                        cache.remove("aggregate-" + writer + "-" + i / 3);
                    }
                }
                return null;
            })).toList();
            for (Future<?> writer : written) {
                writer.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(cache.size()).isLessThanOrEqualTo(100);
        List<String> keys = IntStream.range(0, writers).boxed()
                .flatMap(writer -> IntStream.range(0, keysEach).mapToObj(i -> "aggregate-" + writer + "-" + i))
                .toList();
        assertThat(told.contradictions).isEmpty();
        assertThat(told.held).isEqualTo(held(cache, keys));
        assertThat(told.created.get() - told.removed.get() - told.expired.get()).isEqualTo(cache.size());
    }

    @Test
    void whatItHoldsSurvivesGarbageCollection() {
        BoundedCache cache = new BoundedCache(100);
        IntStream.range(0, 100).forEach(i -> cache.put("aggregate-" + i, new byte[1024]));

        System.gc();

        assertThat(IntStream.range(0, 100)).allSatisfy(i -> assertThat(cache.containsKey("aggregate-" + i)).isTrue());
    }

    @Test
    void putIfAbsentKeepsTheFirstAndComputeIfPresentReplacesOrRemoves() {
        BoundedCache cache = new BoundedCache(10);
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
    void computeIfAbsentSuppliesOnlyWhatIsMissingAndNothingIsCachedAsNull() {
        BoundedCache cache = new BoundedCache(10);
        assertThat(cache.computeIfAbsent("a", () -> 1)).isEqualTo(1);
        assertThat(cache.computeIfAbsent("a", () -> 2)).isEqualTo(1);

        assertThatThrownBy(() -> cache.computeIfAbsent("b", () -> null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.put("b", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> cache.putIfAbsent("b", null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(cache.containsKey("b")).isFalse();
    }

    @Test
    void removeAllRemovesAndReportsEveryEntry() {
        BoundedCache cache = new BoundedCache(10);
        TrackedEntries told = new TrackedEntries();
        cache.registerCacheEntryListener(told);
        List<String> keys = List.of("a", "b", "c");
        keys.forEach(key -> cache.put(key, key));

        cache.removeAll();

        assertThat(held(cache, keys)).isEmpty();
        assertThat(told.held).isEmpty();
        assertThat(told.removed).hasValue(3);
        assertThat(told.contradictions).isEmpty();
    }

    @Test
    void listenersHearWhatHappensToEachEntry() {
        BoundedCache cache = new BoundedCache(1);
        List<String> heard = new ArrayList<>();
        var registration = cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryCreated(Object key, Object value) {
                heard.add("created " + key);
            }

            @Override
            public void onEntryRead(Object key, Object value) {
                heard.add("read " + key);
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
        cache.get("a");
        cache.put("a", 2);
        cache.put("b", 3);
        assertThat(held(cache, List.of("a", "b"))).as("one of the two, whichever Caffeine keeps").hasSize(1);
        String kept = cache.containsKey("a") ? "a" : "b";
        String evicted = kept.equals("a") ? "b" : "a";
        cache.<Integer>computeIfPresent(kept, value -> value + 1);
        assertThat(cache.remove(evicted)).isFalse();
        assertThat(cache.remove(kept)).isTrue();
        registration.cancel();
        cache.put("c", 4);

        assertThat(heard).containsExactly("created a", "read a", "updated a", "created b", "expired " + evicted,
                "updated " + kept, "removed " + kept);
    }

    /** The keys among {@code keys} that the cache holds. */
    private static Set<Object> held(Cache cache, List<String> keys) {
        return keys.stream().filter(cache::containsKey).collect(Collectors.toSet());
    }

    /**
     * What a listener can know of the cache's entries: the keys created and not since removed or expired. What it
     * is told against that is kept, not thrown, because Caffeine logs and swallows what an eviction listener throws.
     */
    private static final class TrackedEntries extends Cache.EntryListenerAdapter {

        final Set<Object> held = ConcurrentHashMap.newKeySet();
        final List<String> contradictions = new CopyOnWriteArrayList<>();
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger removed = new AtomicInteger();
        final AtomicInteger expired = new AtomicInteger();

        @Override
        public void onEntryCreated(Object key, Object value) {
            if (!held.add(key)) {
                contradictions.add(key + " created while held");
            }
            created.incrementAndGet();
        }

        @Override
        public void onEntryUpdated(Object key, Object value) {
            if (!held.contains(key)) {
                contradictions.add(key + " updated while not held");
            }
        }

        @Override
        public void onEntryRemoved(Object key) {
            if (!held.remove(key)) {
                contradictions.add(key + " removed while not held");
            }
            removed.incrementAndGet();
        }

        @Override
        public void onEntryExpired(Object key) {
            if (!held.remove(key)) {
                contradictions.add(key + " expired while not held");
            }
            expired.incrementAndGet();
        }
    }
}

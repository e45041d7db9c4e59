package com.quotaledger.caching;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

import java.util.List;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The aggregate cache: at most {@code capacity} entries, held strongly, a Caffeine cache behind Axon's interface.
 * <p>
 * Weak references are no cache under load: every garbage collection clears whatever only they hold, so a busy
 * recipient was loaded from its snapshot and events again on most commands. A bound on the count keeps memory in
 * check instead; an entry that leaves is only loaded again, never wrong.
 * <p>
 * Which entry leaves is Caffeine's choice (W-TinyLFU): one used often stays while one-off entries pass through,
 * and a new entry used less than those it would displace may be the one that leaves. Evictions run on the thread
 * that wrote, so a single writer never sees more than {@code capacity} entries; writers that meet each other may
 * leave a few more until a later read or write evicts them.
 * <p>
 * Listeners hear of each change to an entry within that change, so that for any one key they hear the changes in
 * the order they happened, an eviction included. A listener therefore must not change the cache itself.
 */
public final class BoundedCache implements Cache {

    private final com.github.benmanes.caffeine.cache.Cache<Object, Object> cache;
    private final ConcurrentMap<Object, Object> entries;
    private final List<EntryListener> listeners = new CopyOnWriteArrayList<>();

    public BoundedCache(int capacity) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(capacity)
                // evictions run, and are told, on the thread that wrote rather than later on a pool
                .executor(Runnable::run)
                // Axon's listeners know no eviction: to them, an entry that leaves for the bound has expired
                .evictionListener((key, value, cause) -> tell(listener -> listener.onEntryExpired(key)))
                .build();
        this.entries = cache.asMap();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> V get(K key) {
        Object value = cache.getIfPresent(key);
        if (value != null) {
            tell(listener -> listener.onEntryRead(key, value));
        }
        return (V) value;
    }

    @Override
    public void put(Object key, Object value) {
        requireValue(key, value);
        entries.compute(key, (same, previous) -> {
            tell(listener -> {
                if (previous == null) {
                    listener.onEntryCreated(key, value);
                } else {
                    listener.onEntryUpdated(key, value);
                }
            });
            return value;
        });
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        requireValue(key, value);
        boolean[] created = {false};
        entries.computeIfAbsent(key, absent -> {
            created[0] = true;
            tell(listener -> listener.onEntryCreated(key, value));
            return value;
        });
        return created[0];
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        boolean[] created = {false};
        Object value = entries.computeIfAbsent(key, absent -> {
            T supplied = valueSupplier.get();
            if (supplied == null) {
                throw new IllegalArgumentException("No value supplied for " + key);
            }
            created[0] = true;
            tell(listener -> listener.onEntryCreated(key, supplied));
            return supplied;
        });
        if (!created[0]) {
            tell(listener -> listener.onEntryRead(key, value));
        }
        return (T) value;
    }

    /** The entry is replaced by what {@code update} makes of it, or removed if that is null. */
    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        entries.computeIfPresent(key, (same, value) -> {
            V updated = update.apply((V) value);
            tell(listener -> {
                if (updated == null) {
                    listener.onEntryRemoved(key);
                } else {
                    listener.onEntryUpdated(key, updated);
                }
            });
            return updated;
        });
    }

    @Override
    public boolean remove(Object key) {
        boolean[] removed = {false};
        entries.computeIfPresent(key, (same, value) -> {
            removed[0] = true;
            tell(listener -> listener.onEntryRemoved(key));
            return null;
        });
        return removed[0];
    }

    @Override
    public void removeAll() {
        List.copyOf(entries.keySet()).forEach(this::remove);
    }

    @Override
    public boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** How many entries it holds, once the evictions that writers meeting each other left behind have run. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    /** Caffeine holds no null value: an absent entry and one cached as null would be the same. */
    private static void requireValue(Object key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("No value given for " + key);
        }
    }

    private void tell(Consumer<EntryListener> event) {
        listeners.forEach(event);
    }
}

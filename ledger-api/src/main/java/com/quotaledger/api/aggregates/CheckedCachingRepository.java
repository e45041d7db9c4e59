package com.quotaledger.api.aggregates;

import com.quotaledger.api.storage.GroupedEventStorage;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;

import java.util.Objects;
import java.util.Optional;

/**
 * An aggregate repository whose cache never serves an aggregate that is behind what its loader must see.
 * <p>
 * Within a group of commands, that is the group's own held-back events: a reader on another thread that found the
 * aggregate uncached loaded it from the store alone and cached it without them, and a command that went on from that
 * copy would decide on stale state. The check costs nothing: the group holds its aggregates' last sequence numbers.
 * <p>
 * On a store that other nodes share, it is also every event another node has stored since. A command decided on a
 * stale copy is safe, because its append collides with the other node's and is retried on fresh state, but a read
 * such as a quota is not: nothing collides. So a cached aggregate is used only while the store holds no later event
 * of it, which costs one indexed lookup rather than loading the aggregate. The embedded H2 file has one process, and
 * needs no lookup.
 * <p>
 * An aggregate found behind is evicted and loaded again from its snapshot, its stored events and the group's.
 */
final class CheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final GroupedEventStorage storage;
    private final boolean sharedStore;

    /** @param builder everything but the cache */
    CheckedCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, GroupedEventStorage storage,
                             boolean sharedStore) {
        super(builder.cache(cache));
        this.cache = cache;
        this.storage = storage;
        this.sharedStore = sharedStore;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        Optional<Long> stored = sharedStore ? storage.lastSequence(aggregateIdentifier)
                : storage.pendingSequence(aggregateIdentifier);
        if (stored.isEmpty() || Objects.equals(stored.get(), aggregate.version())) {
            return aggregate;
        }
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}

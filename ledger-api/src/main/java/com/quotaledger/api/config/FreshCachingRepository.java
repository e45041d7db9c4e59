package com.quotaledger.api.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Objects;
import java.util.Optional;

/**
 * An aggregate repository whose cache never serves an aggregate that another node has changed since.
 * <p>
 * Nodes that share the event store each cache aggregates. A command decided on a stale copy is safe, because its
 * append collides with the other node's and is retried on fresh state, but a read such as a quota is not: nothing
 * collides. So a cached aggregate is used only while the store holds no later event of it, which costs one indexed
 * lookup rather than loading the aggregate; otherwise it is evicted and loaded from its snapshot and events.
 */
final class FreshCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;

    FreshCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore) {
        super(builder.cache(cache).eventStore(eventStore));
        this.cache = cache;
        this.eventStore = eventStore;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        Optional<Long> stored = eventStore.lastSequenceNumberFor(aggregateIdentifier);
        if (stored.isEmpty() || Objects.equals(stored.get(), aggregate.version())) {
            return aggregate;
        }
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}

package com.quotaledger.api.config;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Objects;
import java.util.Optional;

/**
 * An aggregate repository whose cache never serves an aggregate that another node has changed since.
 * <p>
 * Nodes that share the event store each cache aggregates. A command decided on a stale copy is safe, because its
 * append collides with the other node's and is retried on fresh state, but a read such as a quota is not: nothing
 * collides. So a cached aggregate is used only while the store holds no later event of it, which costs one indexed
 * lookup rather than loading the aggregate; otherwise it is evicted and loaded from its snapshot and events.
 * <p>
 * The lookup reads the last sequence number backwards down the (aggregate, sequence) index and stops at the first
 * row. Only a shared store needs it: the embedded H2 file has one process, and H2 would visit every event of the
 * aggregate to answer it.
 */
final class FreshCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private static final String LAST_SEQUENCE = """
            SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
            ORDER BY sequence_number DESC LIMIT 1""";

    private final Cache cache;
    private final JdbcTemplate jdbc;

    /** @param builder everything but the cache */
    FreshCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, JdbcTemplate jdbc) {
        super(builder.cache(cache));
        this.cache = cache;
        this.jdbc = jdbc;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        Optional<Long> stored = jdbc.query(LAST_SEQUENCE, (row, index) -> row.getLong(1), aggregateIdentifier)
                .stream().findFirst();
        if (stored.isEmpty() || Objects.equals(stored.get(), aggregate.version())) {
            return aggregate;
        }
        cache.remove(aggregateIdentifier);
        return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
    }
}

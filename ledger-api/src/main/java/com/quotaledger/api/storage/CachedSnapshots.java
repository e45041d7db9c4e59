package com.quotaledger.api.storage;

import com.quotaledger.api.commands.DueSnapshots;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.LockAwareAggregate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Snapshots taken from the cached aggregate instead of by replaying its events: the aggregate in the cache is the
 * state its stored events lead to, so writing it down costs one serialization, where Axon's own snapshotter reads and
 * applies every event since the last snapshot again.
 * <p>
 * A snapshot is only asked for here ({@link #scheduleSnapshot}); the commands' group writes it ({@link #writeDue})
 * once the events it covers are committed, in a transaction of its own, so that a snapshot can never be stored for
 * events that are not, and its failure fails no decision. An aggregate no longer in the cache by then is left for its
 * next snapshot.
 */
public final class CachedSnapshots implements Snapshotter, DueSnapshots {

    private static final Logger log = LoggerFactory.getLogger(CachedSnapshots.class);

    private record Due(Class<?> type, String aggregateId) {
    }

    private final Set<Due> due = ConcurrentHashMap.newKeySet();
    private final Cache cache;
    private final Supplier<Configuration> axon;
    private final GroupedEventStorage storage;
    private final SnapshotHistory history;
    private final TransactionTemplate transactions;

    /** @param axon Axon's configuration, asked only once snapshots are written, after it is built */
    public CachedSnapshots(Cache cache, Supplier<Configuration> axon, GroupedEventStorage storage,
                           SnapshotHistory history, TransactionTemplate transactions) {
        this.cache = cache;
        this.axon = axon;
        this.storage = storage;
        this.history = history;
        this.transactions = transactions;
    }

    @Override
    public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
        due.add(new Due(aggregateType, aggregateIdentifier));
    }

    /** Writes a snapshot of every aggregate asked for and still cached; call it once their events are committed. */
    @Override
    public void writeDue() {
        for (Iterator<Due> next = due.iterator(); next.hasNext(); ) {
            Due snapshot = next.next();
            next.remove();
            if (cache.containsKey(snapshot.aggregateId())) {
                try {
                    DomainEventMessage<?> taken = take(snapshot);
                    transactions.executeWithoutResult(transaction -> {
                        storage.storeSnapshot(taken);
                        history.keep(taken);
                    });
                } catch (RuntimeException failure) {
                    log.warn("No snapshot of {} {} was written; its next one will be", snapshot.type().getSimpleName(),
                            snapshot.aggregateId(), failure);
                }
            }
        }
    }

    /** The cached aggregate, loaded through its repository so that it is locked while it is written down. */
    private DomainEventMessage<?> take(Due snapshot) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            Aggregate<?> loaded = axon.get().repository(snapshot.type()).load(snapshot.aggregateId());
            EventSourcedAggregate<?> aggregate = eventSourced(loaded);
            DomainEventMessage<?> taken = new GenericDomainEventMessage<>(aggregate.type(),
                    snapshot.aggregateId(), aggregate.version(), aggregate.getAggregateRoot());
            unitOfWork.commit();
            return taken;
        } catch (RuntimeException failure) {
            unitOfWork.rollback(failure);
            throw failure;
        }
    }

    private static EventSourcedAggregate<?> eventSourced(Aggregate<?> loaded) {
        Aggregate<?> aggregate = loaded instanceof LockAwareAggregate<?, ?> locked ? locked.getWrappedAggregate() : loaded;
        if (aggregate instanceof EventSourcedAggregate<?> eventSourced) {
            return eventSourced;
        }
        throw new IllegalStateException("not an event-sourced aggregate: " + aggregate.getClass().getName());
    }
}

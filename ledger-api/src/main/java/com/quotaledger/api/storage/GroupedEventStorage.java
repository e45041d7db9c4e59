package com.quotaledger.api.storage;

import com.quotaledger.api.commands.GroupWrites;
import com.quotaledger.decision.LedgerDecision;
import com.quotaledger.requests.RequestLog;
import com.quotaledger.requests.RequestLog.LoggedRequest;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The ledger's event storage: Axon's JDBC storage, and the request log beside it. While a group of commands is open on
 * a thread ({@link #open}), the events its commands append are held back and written by {@link #flush} all at once,
 * with their request log rows, in two JDBC batches: a decision costs no statement of its own.
 * <p>
 * Held-back events count as stored for the group that holds them: loading an aggregate reads its stored events and
 * then the group's, its last sequence number is the group's, and a requestId decided earlier in the group is found as
 * decided. The store's unique keys are checked for them early, where they can be, so that a command that would break
 * one fails on its own instead of failing the group's flush: a sequence number taken twice within the group, and a
 * stream created where one already exists. What only the flush can find (another node's write) fails the whole flush.
 * <p>
 * Appends outside a group are written at once, with their request log rows, in a transaction.
 */
public final class GroupedEventStorage implements EventStorageEngine, GroupWrites {

    private static final String STREAM_EXISTS =
            "SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = 0";
    /** Reads backwards down the (aggregate, sequence) index and stops at the first row, on every database. */
    private static final String LAST_SEQUENCE = """
            SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ?
            ORDER BY sequence_number DESC LIMIT 1""";

    private final EventStorageEngine stored;
    private final RequestLog requestLog;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final boolean checkpointAfterCommit;
    private final ThreadLocal<PendingGroup> open = new ThreadLocal<>();

    /**
     * @param checkpointAfterCommit whether a commit is written to disk only by an explicit checkpoint: an H2 file
     *                              whose {@code WRITE_DELAY} is not 0 ({@link #makeDurable})
     */
    public GroupedEventStorage(EventStorageEngine stored, RequestLog requestLog, JdbcTemplate jdbc,
                               TransactionTemplate transactions, boolean checkpointAfterCommit) {
        this.stored = stored;
        this.requestLog = requestLog;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.checkpointAfterCommit = checkpointAfterCommit;
    }

    /**
     * Opens a group on this thread, in the current transaction, and looks up in one query which of
     * {@code requestIds} the store has decided already.
     */
    @Override
    public void open(Collection<String> requestIds) {
        if (open.get() != null) {
            throw new IllegalStateException("a group is already open on this thread");
        }
        PendingGroup group = new PendingGroup();
        group.decidedInStore.putAll(requestLog.findAll(requestIds));
        open.set(group);
    }

    /** Marks the start of the next command's appends, which {@link #discardCommand} takes back. */
    @Override
    public void startCommand() {
        group().commandStart = group().events.size();
    }

    /**
     * Takes back what the current command appended, because it failed.
     *
     * @return the aggregates it appended to, whose cached state now runs ahead of the store
     */
    @Override
    public Set<String> discardCommand() {
        PendingGroup group = group();
        List<DomainEventMessage<?>> discarded = group.events.subList(group.commandStart, group.events.size());
        Set<String> aggregates = new LinkedHashSet<>();
        for (DomainEventMessage<?> event : discarded) {
            aggregates.add(event.getAggregateIdentifier());
            if (event.getPayload() instanceof LedgerDecision decision) {
                group.decidedInGroup.remove(decision.requestId());
            }
        }
        discarded.clear();
        group.lastSequence.keySet().removeAll(aggregates);
        for (DomainEventMessage<?> kept : group.events) {
            if (aggregates.contains(kept.getAggregateIdentifier())) {
                group.lastSequence.put(kept.getAggregateIdentifier(), kept.getSequenceNumber());
            }
        }
        return aggregates;
    }

    /** The aggregates the open group has appended to. */
    @Override
    public Set<String> pendingAggregates() {
        PendingGroup group = open.get();
        return group == null ? Set.of() : Set.copyOf(group.lastSequence.keySet());
    }

    /** Writes the group's events and their request log rows, in the current transaction. */
    @Override
    public void flush() {
        PendingGroup group = group();
        if (!group.events.isEmpty()) {
            stored.appendEvents(group.events);
            requestLog.recordAll(List.copyOf(group.decidedInGroup.values()));
        }
        group.events.clear();
        group.lastSequence.clear();
        group.decidedInGroup.clear();
    }

    /**
     * Makes what was committed survive the process. An H2 file with a write delay keeps a commit in memory until its
     * background writer or a checkpoint stores it; the checkpoint here writes every change since the last one, of
     * any connection, in one go, so that the read models' commits cost no write of their own. Other stores are
     * durable when the commit returns.
     */
    @Override
    public void makeDurable(boolean toDisk) {
        if (checkpointAfterCommit) {
            jdbc.execute(toDisk ? "CHECKPOINT SYNC" : "CHECKPOINT");
        }
    }

    /** Whether commits are durable only after {@link #makeDurable}. */
    @Override
    public boolean commitsOnlyAtCheckpoints() {
        return checkpointAfterCommit;
    }

    /** Closes this thread's group; whatever it did not flush is forgotten. */
    @Override
    public void close() {
        open.remove();
    }

    /**
     * Where the decision for {@code requestId} is recorded, if it is: earlier in the open group, or in the store as
     * looked up when the group opened (or now, outside a group).
     */
    @Override
    public Optional<LoggedRequest> decided(String requestId) {
        PendingGroup group = open.get();
        if (group == null) {
            return requestLog.find(requestId);
        }
        LoggedRequest decided = group.decidedInGroup.get(requestId);
        return Optional.ofNullable(decided != null ? decided : group.decidedInStore.get(requestId));
    }

    /** The last sequence number of an aggregate among the events this thread's open group holds back, if any. */
    public Optional<Long> pendingSequence(String aggregateIdentifier) {
        PendingGroup group = open.get();
        return Optional.ofNullable(group == null ? null : group.lastSequence.get(aggregateIdentifier));
    }

    /**
     * The last sequence number of an aggregate as stored, counting the open group's events: one indexed lookup, or
     * none if the group has appended to it.
     */
    public Optional<Long> lastSequence(String aggregateIdentifier) {
        PendingGroup group = open.get();
        Long pending = group == null ? null : group.lastSequence.get(aggregateIdentifier);
        if (pending != null) {
            return Optional.of(pending);
        }
        return jdbc.query(LAST_SEQUENCE, (row, index) -> row.getLong(1), aggregateIdentifier).stream().findFirst();
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        PendingGroup group = open.get();
        if (group == null) {
            transactions.executeWithoutResult(transaction -> {
                stored.appendEvents(events);
                requestLog.recordAll(decisionsIn(events));
            });
            return;
        }
        for (EventMessage<?> event : events) {
            if (!(event instanceof DomainEventMessage<?> domain)) {
                throw new IllegalArgumentException("the ledger stores only events of aggregates, not "
                        + event.getPayloadType().getName());
            }
            requireNextInSequence(group, domain);
            LedgerDecision decision = domain.getPayload() instanceof LedgerDecision d ? d : null;
            if (decision != null && decided(decision.requestId()).isPresent()) {
                throw new DuplicateKeyException("request " + decision.requestId() + " is decided already");
            }
            group.events.add(domain);
            group.lastSequence.put(domain.getAggregateIdentifier(), domain.getSequenceNumber());
            if (decision != null) {
                group.decidedInGroup.put(decision.requestId(), logged(decision, domain));
            }
        }
    }

    /** What the store's unique key on (aggregate, sequence) would refuse at the flush, refused now. */
    private void requireNextInSequence(PendingGroup group, DomainEventMessage<?> event) {
        String aggregate = event.getAggregateIdentifier();
        Long last = group.lastSequence.get(aggregate);
        if (last == null && event.getSequenceNumber() == 0 && streamExists(aggregate)
                || last != null && event.getSequenceNumber() == 0) {
            throw new AggregateStreamCreationException("Cannot reuse aggregate identifier [" + aggregate
                    + "] to create aggregate [" + event.getType() + "] since identifiers need to be unique.");
        }
        if (last != null && event.getSequenceNumber() != last + 1) {
            throw new ConcurrencyException("An event for aggregate [" + aggregate + "] at sequence ["
                    + event.getSequenceNumber() + "] was already inserted");
        }
    }

    private boolean streamExists(String aggregate) {
        Long events = jdbc.queryForObject(STREAM_EXISTS, Long.class, aggregate);
        return events != null && events > 0;
    }

    private static List<LoggedRequest> decisionsIn(List<? extends EventMessage<?>> events) {
        List<LoggedRequest> decisions = new ArrayList<>();
        for (EventMessage<?> event : events) {
            if (event instanceof DomainEventMessage<?> domain && domain.getPayload() instanceof LedgerDecision decision) {
                decisions.add(logged(decision, domain));
            }
        }
        return decisions;
    }

    private static LoggedRequest logged(LedgerDecision decision, DomainEventMessage<?> event) {
        return new LoggedRequest(decision.requestId(), decision.contentFingerprint(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), decision.decidedAt());
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        DomainEventStream fromStore = stored.readEvents(aggregateIdentifier, firstSequenceNumber);
        PendingGroup group = open.get();
        if (group == null || !group.lastSequence.containsKey(aggregateIdentifier)) {
            return fromStore;
        }
        List<DomainEventMessage<?>> pending = group.events.stream()
                .filter(event -> event.getAggregateIdentifier().equals(aggregateIdentifier)
                        && event.getSequenceNumber() >= firstSequenceNumber)
                .toList();
        return DomainEventStream.concat(fromStore, DomainEventStream.of(pending));
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        PendingGroup group = open.get();
        Long pending = group == null ? null : group.lastSequence.get(aggregateIdentifier);
        return pending != null ? Optional.of(pending) : stored.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        stored.storeSnapshot(snapshot);
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return stored.readSnapshot(aggregateIdentifier);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return stored.readEvents(trackingToken, mayBlock);
    }

    @Override
    public TrackingToken createTailToken() {
        return stored.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return stored.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return stored.createTokenAt(dateTime);
    }

    private PendingGroup group() {
        PendingGroup group = open.get();
        if (group == null) {
            throw new IllegalStateException("no group is open on this thread");
        }
        return group;
    }

    /** The events a group holds back, in the order they were appended, and what they decided. */
    private static final class PendingGroup {
        final List<DomainEventMessage<?>> events = new ArrayList<>();
        final Map<String, Long> lastSequence = new HashMap<>();
        final Map<String, LoggedRequest> decidedInGroup = new HashMap<>();
        final Map<String, LoggedRequest> decidedInStore = new HashMap<>();
        int commandStart;
    }
}

package com.quotaledger.api.aggregates;

import com.quotaledger.api.storage.SnapshotHistory;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.ProblemReason;
import com.quotaledger.decision.LedgerEvent;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.RecipientEntity;
import com.quotaledger.recipient.api.RecipientView;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A recipient as it stood at a past instant, rebuilt from its own events up to that instant, not from today's state:
 * the limit in force then, the shares inside the window then, the exemptions valid then. It starts from the nearest
 * snapshot whose last event is not after the instant (the latest, or one of the earlier ones kept a day apart,
 * {@link SnapshotHistory}), and reads only the events after it: the state a snapshot holds is what its events lead
 * to, whatever instant it is viewed at from then on. Only an instant before the first kept snapshot replays the
 * history from the start.
 */
@Component
public class RecipientHistory {

    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final SnapshotHistory snapshots;
    private final AggregateModel<RecipientEntity> model;
    private final AggregateFactory<RecipientEntity> factory;
    private final RedistributionPolicy policy;
    private final DistributionSummary messagesRead;

    RecipientHistory(EventStore eventStore, EventStorageEngine storage, SnapshotHistory snapshots,
                     AggregateModel<RecipientEntity> recipientModel, AggregateFactory<RecipientEntity> recipientFactory,
                     RedistributionPolicy policy, MeterRegistry meters) {
        this.eventStore = eventStore;
        this.storage = storage;
        this.snapshots = snapshots;
        this.messagesRead = DistributionSummary.builder("ledger.quota.as.of.messages.read")
                .description("Snapshot and events read to rebuild a recipient's quota as of a past instant")
                .register(meters);
        this.model = recipientModel;
        this.factory = recipientFactory;
        this.policy = policy;
    }

    public RecipientView asOf(String recipientId, Instant asOf) {
        // a snapshot whose last event is not after asOf tells that the recipient existed then
        DomainEventStream upToAsOf = snapshotNotAfter(recipientId, asOf)
                .orElseGet(() -> fromTheStart(recipientId, asOf));
        EventSourcedAggregate<RecipientEntity> recipient = EventSourcedAggregate.initialize(
                factory.createAggregateRoot(recipientId, upToAsOf.peek()), model, (EventBus) null,
                NoSnapshotTriggerDefinition.TRIGGER);
        // what rebuilding the quota then cost, the snapshot counted as one: for operators to watch
        AtomicLong read = new AtomicLong();
        recipient.initializeState(DomainEventStream.of(upToAsOf.asStream().peek(message -> read.incrementAndGet())));
        messagesRead.record(read.get());
        return recipient.invoke(entity -> entity.viewAt(asOf, policy));
    }

    private static DomainEventStream upTo(DomainEventStream events, Instant asOf) {
        return DomainEventStream.of(events.asStream().takeWhile(event -> !occurredAt(event).isAfter(asOf)));
    }

    /** Every event of the recipient up to {@code asOf}, from its registration, which must not be after it. */
    private DomainEventStream fromTheStart(String recipientId, Instant asOf) {
        DomainEventStream events = eventStore.readEvents(recipientId, 0);
        if (!events.hasNext()) {
            throw ApiProblem.recipientNotFound(recipientId);
        }
        if (occurredAt(events.peek()).isAfter(asOf)) {
            throw new ApiProblem(ProblemReason.RECIPIENT_NOT_FOUND,
                    "Recipient '%s' was not yet registered at %s.".formatted(recipientId, asOf))
                    .with("recipientId", recipientId);
        }
        return upTo(events, asOf);
    }

    /**
     * The nearest snapshot of the recipient whose last event occurred by {@code asOf}, followed by its events after
     * that up to {@code asOf}; empty if there is none.
     */
    private Optional<DomainEventStream> snapshotNotAfter(String recipientId, Instant asOf) {
        return storage.readSnapshot(recipientId)
                .flatMap(latest -> fromSnapshot(recipientId, latest, asOf))
                .or(() -> snapshots.nearest(model.type(), recipientId, asOf).stream()
                        .map(kept -> fromSnapshot(recipientId, kept, asOf)).flatMap(Optional::stream).findFirst());
    }

    private Optional<DomainEventStream> fromSnapshot(String recipientId, DomainEventMessage<?> snapshot, Instant asOf) {
        DomainEventStream fromItsLastEvent = eventStore.readEvents(recipientId, snapshot.getSequenceNumber());
        if (!fromItsLastEvent.hasNext() || occurredAt(fromItsLastEvent.next()).isAfter(asOf)) {
            return Optional.empty();
        }
        return Optional.of(DomainEventStream.concat(DomainEventStream.of(snapshot), upTo(fromItsLastEvent, asOf)));
    }

    private static Instant occurredAt(DomainEventMessage<?> event) {
        return event.getPayload() instanceof LedgerEvent ledgerEvent ? ledgerEvent.occurredAt() : event.getTimestamp();
    }
}

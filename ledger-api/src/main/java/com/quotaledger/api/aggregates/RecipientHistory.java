package com.quotaledger.api.aggregates;

import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.ProblemReason;
import com.quotaledger.decision.LedgerEvent;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.RecipientEntity;
import com.quotaledger.recipient.api.RecipientView;
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

/**
 * A recipient as it stood at a past instant, rebuilt from its own events up to that instant, not from today's state:
 * the limit in force then, the shares inside the window then, the exemptions valid then. It starts from the
 * recipient's snapshot when the snapshot's last event is not after the instant, and reads only the events after it:
 * the state a snapshot holds is what its events lead to, whatever instant it is viewed at from then on. Only an
 * instant before the snapshot replays the history from the start.
 */
@Component
public class RecipientHistory {

    private final EventStore eventStore;
    private final EventStorageEngine storage;
    private final AggregateModel<RecipientEntity> model;
    private final AggregateFactory<RecipientEntity> factory;
    private final RedistributionPolicy policy;

    RecipientHistory(EventStore eventStore, EventStorageEngine storage, AggregateModel<RecipientEntity> recipientModel,
                     AggregateFactory<RecipientEntity> recipientFactory, RedistributionPolicy policy) {
        this.eventStore = eventStore;
        this.storage = storage;
        this.model = recipientModel;
        this.factory = recipientFactory;
        this.policy = policy;
    }

    public RecipientView asOf(String recipientId, Instant asOf) {
        DomainEventStream events = eventStore.readEvents(recipientId, 0);
        if (!events.hasNext()) {
            throw ApiProblem.recipientNotFound(recipientId);
        }
        DomainEventMessage<?> first = events.peek();
        if (occurredAt(first).isAfter(asOf)) {
            throw new ApiProblem(ProblemReason.RECIPIENT_NOT_FOUND,
                    "Recipient '%s' was not yet registered at %s.".formatted(recipientId, asOf))
                    .with("recipientId", recipientId);
        }
        DomainEventStream upToAsOf = snapshotNotAfter(recipientId, asOf)
                .orElseGet(() -> DomainEventStream.of(events.asStream()
                        .takeWhile(event -> !occurredAt(event).isAfter(asOf))));
        EventSourcedAggregate<RecipientEntity> recipient = EventSourcedAggregate.initialize(
                factory.createAggregateRoot(recipientId, upToAsOf.peek()), model, (EventBus) null,
                NoSnapshotTriggerDefinition.TRIGGER);
        recipient.initializeState(upToAsOf);
        return recipient.invoke(entity -> entity.viewAt(asOf, policy));
    }

    /**
     * The recipient's snapshot followed by its events up to {@code asOf}, if the snapshot's last event occurred by
     * {@code asOf}; empty if there is no snapshot or it covers events after {@code asOf}.
     */
    private Optional<DomainEventStream> snapshotNotAfter(String recipientId, Instant asOf) {
        Optional<DomainEventMessage<?>> snapshot = storage.readSnapshot(recipientId);
        if (snapshot.isEmpty()) {
            return Optional.empty();
        }
        DomainEventStream fromItsLastEvent = eventStore.readEvents(recipientId, snapshot.get().getSequenceNumber());
        if (!fromItsLastEvent.hasNext() || occurredAt(fromItsLastEvent.next()).isAfter(asOf)) {
            return Optional.empty();
        }
        return Optional.of(DomainEventStream.concat(DomainEventStream.of(snapshot.get()),
                DomainEventStream.of(fromItsLastEvent.asStream().takeWhile(event -> !occurredAt(event).isAfter(asOf)))));
    }

    private static Instant occurredAt(DomainEventMessage<?> event) {
        return event.getPayload() instanceof LedgerEvent ledgerEvent ? ledgerEvent.occurredAt() : event.getTimestamp();
    }
}

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
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.stream.Stream;

/**
 * A recipient as it stood at a past instant, rebuilt from its own events up to that instant, not from today's state:
 * the limit in force then, the shares inside the window then, the exemptions valid then.
 */
@Component
public class RecipientHistory {

    private final EventStore eventStore;
    private final AggregateModel<RecipientEntity> model;
    private final AggregateFactory<RecipientEntity> factory;
    private final RedistributionPolicy policy;

    RecipientHistory(EventStore eventStore, AggregateModel<RecipientEntity> recipientModel,
                     AggregateFactory<RecipientEntity> recipientFactory, RedistributionPolicy policy) {
        this.eventStore = eventStore;
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
        Stream<? extends DomainEventMessage<?>> upToAsOf = events.asStream()
                .takeWhile(event -> !occurredAt(event).isAfter(asOf));
        EventSourcedAggregate<RecipientEntity> recipient = EventSourcedAggregate.initialize(
                factory.createAggregateRoot(recipientId, first), model, (EventBus) null,
                NoSnapshotTriggerDefinition.TRIGGER);
        recipient.initializeState(DomainEventStream.of(upToAsOf));
        return recipient.invoke(entity -> entity.viewAt(asOf, policy));
    }

    private static Instant occurredAt(DomainEventMessage<?> event) {
        return event.getPayload() instanceof LedgerEvent ledgerEvent ? ledgerEvent.occurredAt() : event.getTimestamp();
    }
}

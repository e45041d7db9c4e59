package com.quotaledger.audit;

import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.readmodels.ReadModels;
import com.quotaledger.recipient.api.ReservationConfirmedEvent;
import com.quotaledger.recipient.api.ReservationDecision;
import com.quotaledger.recipient.api.ReservationExpiredEvent;
import com.quotaledger.recipient.api.ReservationVoidedEvent;
import com.quotaledger.recipient.api.ShareDecision;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

import java.util.ArrayList;

/**
 * Writes every decision to the decision log, in the transaction that moves the processor's token: a batch of events
 * in one statement.
 */
@Component
@ProcessingGroup(ReadModels.PROCESSING_GROUP)
class DecisionLogProjection {

    private final DecisionLog log;

    DecisionLogProjection(DecisionLog log) {
        this.log = log;
    }

    @EventHandler
    void on(ShareDecision share, DomainEventMessage<?> message, TrackingToken token,
            @MetaDataValue(Actors.ACTOR) String actor) {
        append(DecisionRow.of(share, positionOf(message, token), actor));
    }

    @EventHandler
    void on(ObjectExportDecision export, DomainEventMessage<?> message, TrackingToken token,
            @MetaDataValue(Actors.ACTOR) String actor) {
        append(DecisionRow.of(export, positionOf(message, token), actor));
    }

    @EventHandler
    void on(ReservationDecision reservation, DomainEventMessage<?> message, TrackingToken token,
            @MetaDataValue(Actors.ACTOR) String actor) {
        append(DecisionRow.of(reservation, positionOf(message, token), actor));
    }

    @EventHandler
    void on(ReservationConfirmedEvent confirmed, DomainEventMessage<?> message, TrackingToken token,
            @MetaDataValue(Actors.ACTOR) String actor) {
        append(DecisionRow.of(confirmed, positionOf(message, token), actor));
    }

    @EventHandler
    void on(ReservationVoidedEvent voided, DomainEventMessage<?> message, TrackingToken token,
            @MetaDataValue(Actors.ACTOR) String actor) {
        append(DecisionRow.of(voided, positionOf(message, token), actor));
    }

    @EventHandler
    void on(ReservationExpiredEvent expired, DomainEventMessage<?> message, TrackingToken token,
            @MetaDataValue(Actors.ACTOR) String actor) {
        append(DecisionRow.of(expired, positionOf(message, token), actor));
    }

    private void append(DecisionRow row) {
        ReadModels.inBatch("decision-log", () -> new Rows(log), rows -> rows.add(row));
    }

    /** The rows of a batch of events, appended together. */
    private static final class Rows extends ArrayList<DecisionRow> implements Runnable {

        private final DecisionLog log;

        Rows(DecisionLog log) {
            this.log = log;
        }

        @Override
        public void run() {
            log.appendAll(this);
            clear();
        }
    }

    private static DecisionRow.EventPosition positionOf(DomainEventMessage<?> message, TrackingToken token) {
        return new DecisionRow.EventPosition(Positions.of(token), message.getIdentifier(),
                message.getAggregateIdentifier(), message.getSequenceNumber());
    }

    @ResetHandler
    void onReset() {
        log.clear();
    }
}

package com.quotaledger.requests;

import com.quotaledger.decision.LedgerDecision;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.stereotype.Component;

/**
 * Logs every decided requestId in the transaction that stores the decision. A requestId that is already logged
 * makes the insert fail, which rolls the decision back: a requestId is decided once, however many nodes race.
 */
@Component
@ProcessingGroup(RequestLog.PROCESSING_GROUP)
class RequestLogProjection {

    private final RequestLog log;

    RequestLogProjection(RequestLog log) {
        this.log = log;
    }

    @EventHandler
    void on(LedgerDecision decision, @SourceId String aggregateId, @SequenceNumber long sequenceNumber) {
        log.record(new RequestLog.LoggedRequest(decision.requestId(), decision.contentFingerprint(), aggregateId,
                sequenceNumber, decision.decidedAt()));
    }
}

package com.quotaledger.api.decision;

import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.decision.LedgerDecision;
import com.quotaledger.requests.RequestLog;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Takes each decision exactly once per requestId. A requestId seen before returns its recorded decision; a new one is
 * decided, and if another request with the same requestId wins the race (on this node or another), the loser's
 * decision is rolled back by the request log's key and the winner's is returned. A decision lost to another decision
 * for the same recipient is taken again on fresh state by {@link com.quotaledger.api.audit.LedgerCommands}.
 */
@Service
public class Decisions {

    private final RequestLog requestLog;
    private final EventStore eventStore;

    Decisions(RequestLog requestLog, EventStore eventStore) {
        this.requestLog = requestLog;
        this.eventStore = eventStore;
    }

    /**
     * The decision for {@code requestId}: the recorded one if there is one with the same content fingerprint, else
     * what {@code decide} decides now.
     *
     * @throws ApiProblem {@code REQUEST_ID_REUSED} if the requestId was decided for other content
     */
    public <D extends LedgerDecision> D decide(String requestId, String contentFingerprint, Class<D> type,
                                               Supplier<D> decide) {
        Optional<D> earlier = earlierDecision(requestId, contentFingerprint, type);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            return decide.get();
        } catch (RuntimeException failure) {
            return earlierDecision(requestId, contentFingerprint, type).orElseThrow(() -> failure);
        }
    }

    private <D extends LedgerDecision> Optional<D> earlierDecision(String requestId, String contentFingerprint,
                                                                   Class<D> type) {
        return requestLog.find(requestId).map(logged -> {
            if (!logged.contentFingerprint().equals(contentFingerprint)) {
                throw ApiProblem.requestIdReused(requestId);
            }
            return type.cast(recordedDecision(logged));
        });
    }

    private LedgerDecision recordedDecision(RequestLog.LoggedRequest logged) {
        DomainEventStream events = eventStore.readEvents(logged.aggregateId(), logged.sequenceNumber());
        if (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getSequenceNumber() == logged.sequenceNumber()
                    && event.getPayload() instanceof LedgerDecision decision) {
                return decision;
            }
        }
        throw new IllegalStateException("request " + logged.requestId() + " is logged at " + logged.aggregateId()
                + "#" + logged.sequenceNumber() + " but no decision is stored there");
    }
}

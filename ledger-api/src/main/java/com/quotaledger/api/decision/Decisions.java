package com.quotaledger.api.decision;

import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.commands.LedgerCommands;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.decision.LedgerDecision;
import com.quotaledger.requests.RequestLog;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Service;

import java.util.concurrent.CompletableFuture;

/**
 * Takes each decision exactly once per requestId. A requestId decided before answers its recorded decision; a new
 * one is decided. The commands' group looks the requestId up before deciding, and finds the decisions taken earlier in
 * the group as well as those in the store; a request decided meanwhile by another node fails the group's write on the
 * request log's key, and is then taken again and answered with that node's decision.
 */
@Service
public class Decisions {

    private final LedgerCommands commands;
    private final EventStore eventStore;

    Decisions(LedgerCommands commands, EventStore eventStore) {
        this.commands = commands;
        this.eventStore = eventStore;
    }

    /**
     * The decision for {@code requestId}, in the commands' next group and in {@code sequence} if not null: the recorded
     * one if there is one with the same content fingerprint, else what {@code command} decides now. Answered once the
     * decision is stored.
     *
     * @return the decision, or {@code REQUEST_ID_REUSED} (an {@link ApiProblem}) if the requestId was decided for
     * other content
     */
    public <D extends LedgerDecision> CompletableFuture<D> submit(String requestId, String contentFingerprint,
                                                                  Class<D> type, Object command,
                                                                  GroupCommit.Sequence sequence) {
        return commands.submitDecision(requestId, sequence, command, logged -> {
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

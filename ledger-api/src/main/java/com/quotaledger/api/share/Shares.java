package com.quotaledger.api.share;

import com.quotaledger.api.recipient.Recipients;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.requests.RequestLog;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.Optional;
import java.util.UUID;

/**
 * Decides shares exactly once per requestId. A requestId seen before returns its recorded decision; a new one is
 * sent to the recipient's aggregate, and if another request with the same requestId wins the race, the loser's
 * decision is rolled back and the winner's is returned.
 */
@Service
public class Shares {

    private static final Logger log = LoggerFactory.getLogger(Shares.class);

    /** A decision lost to another node's concurrent decision is retried against fresh state this often at most. */
    private static final int MAX_ATTEMPTS = 5;

    private final Recipients recipients;
    private final RequestLog requestLog;
    private final EventStore eventStore;

    Shares(Recipients recipients, RequestLog requestLog, EventStore eventStore) {
        this.recipients = recipients;
        this.requestLog = requestLog;
        this.eventStore = eventStore;
    }

    public ShareDecision share(ShareRequest request) {
        Optional<ShareDecision> earlier = earlierDecision(request);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        ShareIdsCommand command = new ShareIdsCommand(request, UUID.randomUUID().toString());
        for (int attempt = 1; ; attempt++) {
            try {
                return recipients.send(request.recipientId(), command);
            } catch (RuntimeException failure) {
                earlier = earlierDecision(request);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                if (!(failure instanceof ConcurrencyException) || attempt == MAX_ATTEMPTS) {
                    throw failure;
                }
                log.debug("Share {} lost a concurrent decision on {}; deciding again on fresh state",
                        request.requestId(), request.recipientId());
            }
        }
    }

    private Optional<ShareDecision> earlierDecision(ShareRequest request) {
        return requestLog.find(request.requestId()).map(logged -> {
            if (!logged.contentFingerprint().equals(request.contentFingerprint())) {
                throw ApiProblem.requestIdReused(request.requestId());
            }
            return recordedDecision(logged);
        });
    }

    private ShareDecision recordedDecision(RequestLog.LoggedRequest logged) {
        DomainEventStream events = eventStore.readEvents(logged.aggregateId(), logged.sequenceNumber());
        if (events.hasNext()) {
            DomainEventMessage<?> event = events.next();
            if (event.getSequenceNumber() == logged.sequenceNumber()
                    && event.getPayload() instanceof ShareDecision decision) {
                return decision;
            }
        }
        throw new IllegalStateException("request " + logged.requestId() + " is logged at " + logged.aggregateId()
                + "#" + logged.sequenceNumber() + " but no share decision is stored there");
    }
}

package com.quotaledger.api.share;

import com.quotaledger.api.config.LedgerProperties;
import com.quotaledger.requests.RequestLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * Forgets requestIds once they are older than {@code ledger.idempotency.retention}, when an operator set one; their
 * decisions stay in the event store forever. Without a retention there is nothing to forget, and no such task. Nor is
 * there on the test clock: a clock moved ahead would forget requestIds that are recent in real time.
 */
@Component
@ConditionalOnProperty("ledger.idempotency.retention")
@ConditionalOnExpression("!${ledger.test-clock.enabled:false}")
public class RequestIdRetention {

    private static final Logger log = LoggerFactory.getLogger(RequestIdRetention.class);

    private final RequestLog requestLog;
    private final Clock clock;
    private final Duration retention;

    RequestIdRetention(RequestLog requestLog, Clock clock, LedgerProperties properties) {
        this.requestLog = requestLog;
        this.clock = clock;
        this.retention = properties.idempotency().retained().orElseThrow(() -> new IllegalStateException(
                "ledger.idempotency.retention is set but empty: give a duration such as P90D, or leave it out to "
                        + "remember every requestId for good"));
    }

    /** Forgets every requestId decided more than the retention before now; returns how many. */
    @Scheduled(fixedDelayString = "${ledger.idempotency.prune-interval:PT1H}",
            initialDelayString = "${ledger.idempotency.prune-interval:PT1H}")
    public int forgetExpiredRequestIds() {
        int forgotten = requestLog.forgetDecidedBefore(clock.instant().minus(retention));
        if (forgotten > 0) {
            log.info("Forgot {} requestIds decided more than {} ago", forgotten, retention);
        }
        return forgotten;
    }
}

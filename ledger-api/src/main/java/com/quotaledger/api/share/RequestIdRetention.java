package com.quotaledger.api.share;

import com.quotaledger.api.config.LedgerProperties;
import com.quotaledger.requests.RequestLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/** Forgets requestIds once they are older than the retention; their decisions stay in the event store forever. */
@Component
class RequestIdRetention {

    private static final Logger log = LoggerFactory.getLogger(RequestIdRetention.class);

    private final RequestLog requestLog;
    private final Clock clock;
    private final Duration retention;

    RequestIdRetention(RequestLog requestLog, Clock clock, LedgerProperties properties) {
        this.requestLog = requestLog;
        this.clock = clock;
        this.retention = properties.idempotency().retention();
    }

    @Scheduled(fixedDelayString = "${ledger.idempotency.prune-interval:PT1H}",
            initialDelayString = "${ledger.idempotency.prune-interval:PT1H}")
    void forgetExpiredRequestIds() {
        int forgotten = requestLog.forgetDecidedBefore(clock.instant().minus(retention));
        if (forgotten > 0) {
            log.info("Forgot {} requestIds decided more than {} ago", forgotten, retention);
        }
    }
}

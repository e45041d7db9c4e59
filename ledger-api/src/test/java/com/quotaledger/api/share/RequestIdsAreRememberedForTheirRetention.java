package com.quotaledger.api.share;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient.Answer;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.clock.TestClock;
import com.quotaledger.api.config.LedgerProperties;
import com.quotaledger.requests.RequestLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a retention configured, a requestId answers its original decision for the whole retention, counted from its
 * decision; only after that may it be forgotten, and then it is decided anew. The ledger schedules no pruner on the
 * test clock, since a clock moved ahead would forget requestIds that are recent in real time: the pruner is made and
 * run here directly, on the test clock, so that "it ran and forgot nothing" is a fact rather than a wait. Its schedule
 * on the system clock is {@link RequestIdsAreForgottenOnScheduleOnTheSystemClock}.
 */
@FreshLedger
@TestPropertySource(properties = {"ledger.test-clock.enabled=true", "ledger.idempotency.retention=P90D",
        "ledger.idempotency.prune-interval=PT0.1S"})
class RequestIdsAreRememberedForTheirRetention {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    LedgerClient ledger;
    private RequestIdRetention retention;

    @BeforeEach
    void aPrunerOnTheTestClock(@Autowired RequestLog requestLog, @Autowired TestClock clock,
                               @Autowired LedgerProperties properties) {
        retention = new RequestIdRetention(requestLog, clock, properties);
    }

    @Test
    void aRequestIdIsForgottenOnlyAfterTheRetention() {
        ledger.registerWithAllTerms("memory");
        Instant t0 = ledger.clockNow();
        String old = share("memory-1", "memory", 100);
        Answer oldDecision = ledger.share(old);
        ledger.advanceClock("P60D");
        String recent = share("memory-2", "memory", 100);
        Answer recentDecision = ledger.share(recent);

        ledger.advanceClock("P30D");
        retention.forgetExpiredRequestIds();
        assertThat(isLogged("memory-1")).as("exactly 90 days after its decision").isTrue();
        assertThat(ledger.share(old).body()).isEqualTo(oldDecision.body());

        Instant forgotten = ledger.advanceClock("PT0.001S");
        retention.forgetExpiredRequestIds();
        assertThat(isLogged("memory-1")).as("a millisecond later").isFalse();
        assertThat(isLogged("memory-2")).isTrue();
        assertThat(ledger.share(recent).body()).isEqualTo(recentDecision.body());

        Answer decidedAnew = ledger.share(old);
        assertThat(decidedAnew.status()).isEqualTo(201);
        assertThat(instant(decidedAnew.json(), "decidedAt")).isEqualTo(forgotten).isNotEqualTo(t0);
        assertThat(decidedAnew.json().path("shareId").asText())
                .isNotEqualTo(oldDecision.json().path("shareId").asText());
    }

    @Test
    void onTheTestClockNothingIsForgottenOnItsOwnHoweverFarTheClockMoves() {
        assertThat(context.getBeansOfType(RequestIdRetention.class)).as("scheduled pruners").isEmpty();
        ledger.registerWithAllTerms("scheduled");
        ledger.share(share("scheduled-1", "scheduled", 100));

        ledger.advanceClock("P3650D");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> isLogged("scheduled-1"));
    }

    private boolean isLogged(String requestId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM request_log WHERE request_id = ?", Long.class,
                requestId) == 1;
    }
}

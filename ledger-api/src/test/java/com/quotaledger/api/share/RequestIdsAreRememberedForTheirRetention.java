package com.quotaledger.api.share;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerClient.Answer;
import com.quotaledger.api.share.RequestIdRetention;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
 * decision; only after that may it be forgotten, and then it is decided anew. The pruner is run here directly, so
 * that "it ran and forgot nothing" is a fact rather than a wait; its schedule is shown to run it too.
 */
@FreshLedger
@TestPropertySource(properties = {"ledger.test-clock.enabled=true", "ledger.idempotency.retention=P90D",
        "ledger.idempotency.prune-interval=PT0.1S"})
class RequestIdsAreRememberedForTheirRetention {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    RequestIdRetention retention;

    LedgerClient ledger;

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
    void theScheduleForgetsOnItsOwn() {
        ledger.registerWithAllTerms("scheduled");
        ledger.share(share("scheduled-1", "scheduled", 100));
        assertThat(isLogged("scheduled-1")).isTrue();

        ledger.advanceClock("P91D");
        await().atMost(Duration.ofSeconds(10)).until(() -> !isLogged("scheduled-1"));
    }

    private boolean isLogged(String requestId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM request_log WHERE request_id = ?", Long.class,
                requestId) == 1;
    }
}

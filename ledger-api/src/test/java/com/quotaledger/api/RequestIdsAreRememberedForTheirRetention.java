package com.quotaledger.api;

import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A requestId answers its original decision for the whole retention (90 days by default), counted from its decision;
 * only after that may it be forgotten, and then it is decided anew.
 */
@FreshLedger
@TestPropertySource(properties = {"ledger.test-clock.enabled=true", "ledger.idempotency.prune-interval=PT0.1S"})
class RequestIdsAreRememberedForTheirRetention {

    /** Several prune intervals: long enough for the pruner to have run, if it were going to forget too early. */
    private static final Duration SEVERAL_PRUNES = Duration.ofMillis(600);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    @BeforeEach
    void connect() {
        ledger = new LedgerClient(port);
    }

    @Test
    void aRequestIdIsForgottenOnlyAfterNinetyDays() throws InterruptedException {
        ledger.registerWithAllTerms("memory");
        Instant t0 = ledger.clockNow();
        String old = share("memory-1", "memory", 100);
        Answer oldDecision = ledger.share(old);
        ledger.advanceClock("P60D");
        String recent = share("memory-2", "memory", 100);
        Answer recentDecision = ledger.share(recent);

        ledger.advanceClock("P30D");
        Thread.sleep(SEVERAL_PRUNES.toMillis());
        assertThat(isLogged("memory-1")).as("exactly 90 days after its decision").isTrue();
        assertThat(ledger.share(old).body()).isEqualTo(oldDecision.body());

        Instant forgotten = ledger.advanceClock("PT0.001S");
        await().atMost(Duration.ofSeconds(10)).until(() -> !isLogged("memory-1"));
        Thread.sleep(SEVERAL_PRUNES.toMillis());
        assertThat(isLogged("memory-2")).isTrue();
        assertThat(ledger.share(recent).body()).isEqualTo(recentDecision.body());

        Answer decidedAnew = ledger.share(old);
        assertThat(decidedAnew.status()).isEqualTo(201);
        assertThat(instant(decidedAnew.json(), "decidedAt")).isEqualTo(forgotten).isNotEqualTo(t0);
        assertThat(decidedAnew.json().path("shareId").asText())
                .isNotEqualTo(oldDecision.json().path("shareId").asText());
    }

    private boolean isLogged(String requestId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM request_log WHERE request_id = ?", Long.class,
                requestId) == 1;
    }
}

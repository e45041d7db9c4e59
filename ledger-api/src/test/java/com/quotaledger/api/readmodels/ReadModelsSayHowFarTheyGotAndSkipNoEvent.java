package com.quotaledger.api.readmodels;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;

import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every answer from a read model says how far it has projected, from the first decision on, even when the few events
 * so far all fall in one segment. And when a read model cannot write an event, its segment stops on that event, says
 * so in its status and in the node's health, and writes it once it can: the row is never skipped. The failure is made
 * here by a constraint the usage counters break, then lifted.
 */
@FreshLedger
class ReadModelsSayHowFarTheyGotAndSkipNoEvent {

    private static final String PROJECTIONS = "/api/v1/admin/projections";

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    @Test
    void everyReadAnswerSaysHowFarItHasProjectedFromTheFirstDecisionOn() {
        ledger.registerWithAllTerms("first");
        assertThat(ledger.share(share("first-1", "first", 10)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> decisionPosition("first-1") != null);
        long decided = decisionPosition("first-1");

        for (String path : List.of("/api/v1/reports/usage", "/api/v1/reports/near-limit",
                "/api/v1/reports/exemptions", "/api/v1/audit/decisions")) {
            JsonNode upTo = ledger.get(path).json().path("projectedUpTo");
            assertThat(upTo.path("position").isNumber()).as("%s: %s", path, upTo).isTrue();
            assertThat(upTo.path("position").asLong()).as(path).isGreaterThanOrEqualTo(decided);
        }
    }

    @Test
    void aSegmentStopsOnAnEventItCannotWriteAndWritesItOnceItCan() {
        ledger.registerWithAllTerms("blocked");
        await().atMost(Duration.ofSeconds(30)).until(this::healthy);
        jdbc.execute("ALTER TABLE usage_daily ADD CONSTRAINT ck_usage_small CHECK (post_ids < 1000)");
        try {
            assertThat(ledger.share(share("blocked-1", "blocked", 5_000)).status()).isEqualTo(201);

            await().atMost(Duration.ofSeconds(30)).until(() -> !healthy() && aSegmentStopped());
            assertThat(usedPostIds("blocked")).as("nothing written past the event").isZero();
        } finally {
            jdbc.execute("ALTER TABLE usage_daily DROP CONSTRAINT ck_usage_small");
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> healthy() && !aSegmentStopped()
                && usedPostIds("blocked") == 5_000);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM decision_log WHERE request_id = 'blocked-1'",
                Long.class)).isEqualTo(1);
    }

    private Long decisionPosition(String requestId) {
        return jdbc.query("SELECT event_position FROM decision_log WHERE request_id = ?",
                (row, index) -> row.getLong(1), requestId).stream().findFirst().orElse(null);
    }

    private boolean healthy() {
        return ledger.get("/actuator/health").json().path("status").asText().equals("UP");
    }

    private boolean aSegmentStopped() {
        JsonNode processors = ledger.get(PROJECTIONS).json().path("processors");
        return StreamSupport.stream(processors.spliterator(), false)
                .anyMatch(processor -> processor.path("stopped").path("position").isNumber());
    }

    private long usedPostIds(String recipientId) {
        Long posts = jdbc.queryForObject("SELECT SUM(post_ids) FROM usage_daily WHERE recipient_id = ?", Long.class,
                recipientId);
        return posts == null ? 0 : posts;
    }
}

package com.quotaledger.api.clock;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.DataDirs;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.RunningLedger;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test clock cannot reach a store that runs on real time, nor real time a store the test clock moved: a store
 * remembers the clock of its first start, and a start on the other clock stops with a message that says which. Each
 * move of the test clock is an event of the store, with who made it, in the audit trail.
 */
class AStoreRunsOnTheClockOfItsFirstStart {

    private static final String TEST_CLOCK = "--ledger.test-clock.enabled=true";

    @Test
    void aProductionStoreCannotBeStartedOnTheTestClock() {
        Path dataDir = DataDirs.fresh("system-clock-store");
        try (RunningLedger production = RunningLedger.start(dataDir)) {
            production.client().registerWithAllTerms("real");
            assertThat(production.client().share(share("real-1", "real", 1_000)).status()).isEqualTo(201);
        }

        assertThatThrownBy(() -> RunningLedger.start(dataDir, TEST_CLOCK).close())
                .hasStackTraceContaining("This store runs on the system clock since its first start");

        try (RunningLedger production = RunningLedger.start(dataDir)) {
            JsonNode quota = production.client().quota("real").json().path("postIds");
            assertThat(quota.path("used").asLong()).isEqualTo(1_000);
            assertThat(Instant.parse(quota.path("asOf").asText())).isBefore(Instant.now().plusSeconds(1));
        }
    }

    @Test
    void aTestClockStoreCannotBeStartedOnRealTimeAndEveryMoveIsInTheAuditTrail() {
        Path dataDir = DataDirs.fresh("test-clock-store");
        try (RunningLedger testing = RunningLedger.start(dataDir, TEST_CLOCK)) {
            LedgerClient admin = testing.client();
            assertProblem(admin.get("/api/v1/audit/test-clock/history"), 404, "NOT_FOUND");
            Instant start = admin.clockNow();
            Instant moved = admin.advanceClock("P400D");
            admin.advanceClock("PT1H");

            JsonNode events = admin.get("/api/v1/audit/test-clock/history").json().path("events");
            assertThat(events).hasSize(2);
            JsonNode first = events.get(0);
            assertThat(first.path("type").asText()).isEqualTo("TestClockAdvanced");
            assertThat(first.path("actor").asText()).isEqualTo("token:admin");
            assertThat(Instant.parse(first.at("/payload/from").asText())).isEqualTo(start);
            assertThat(Instant.parse(first.at("/payload/to").asText())).isEqualTo(moved);
            assertThat(Duration.parse(first.at("/payload/by").asText())).isEqualTo(Duration.ofDays(400));
            assertThat(events.get(1).path("sequence").asLong()).isEqualTo(1);
        }

        assertThatThrownBy(() -> RunningLedger.start(dataDir).close())
                .hasStackTraceContaining("This store runs on the test clock (ledger.test-clock.enabled=true)");

        try (RunningLedger testing = RunningLedger.start(dataDir, TEST_CLOCK)) {
            assertThat(testing.client().get("/api/v1/audit/test-clock/history").json().path("events")).hasSize(2);
        }
    }
}

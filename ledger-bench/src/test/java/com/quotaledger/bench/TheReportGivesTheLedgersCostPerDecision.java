package com.quotaledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report gives, for every workload, the ledger's CPU per decision and the store it decided on, keeps the fields
 * of results.json that other tools read, and says what the fill and the client ceiling were.
 */
class TheReportGivesTheLedgersCostPerDecision {

    private static final Latencies LATENCIES = new Latencies(2, 10, 20);
    private static final Measurement LEDGER = new Measurement(Map.of(), 2_000, LATENCIES, LATENCIES);
    private static final Measurement BASELINE = new Measurement(Map.of(), 1_000, LATENCIES, LATENCIES);

    private final Report.Row fresh = new Report.Row("steady load, 1000 recipients (zipf)", Workload.Channel.HTTP,
            10_000, LEDGER, BASELINE, true, 200L << 20, Duration.ofMillis(5_000), 100_000, 100_000, null);
    private final Report.Fill fill = new Report.Fill(StoreFill.ofEvents(1_000_000), 150, 8, 130, 140,
            Duration.ofSeconds(300), 1_120_000, 12);
    private final Report.Row filled = new Report.Row("steady load, 1000 recipients (zipf), after a fill of "
            + "1000000 events", Workload.Channel.HTTP, 10_000, LEDGER, BASELINE, true, 300L << 20,
            Duration.ofMillis(5_500), 1_120_000, 1_100_000, fill);
    private final Report.Run run = new Report.Run(List.of(fresh, filled), new Report.Replay(110_000, 10),
            new Report.ClientCeiling(32, 20_000, 0.02), new Report.AtRest(45, Duration.ofMillis(900)),
            new Report.StoreGrowth(fresh, filled), true, "H2 (embedded, file)", Duration.ofSeconds(45),
            Instant.parse("2026-12-03T12:00:00Z"), Duration.ofSeconds(452), "infra/bench/run.sh --quick");

    @Test
    void everyWorkloadRowOfTheResultsHasItsCpuPerDecisionBesideTheFieldsToolsRead() {
        ArrayNode results = run.toJson();

        JsonNode first = results.get(0);
        assertThat(first.path("ledgerCpuMillisPerDecision").asDouble()).isEqualTo(0.5);
        assertThat(first.path("ledgerEventsAtStart").asLong()).isEqualTo(100_000);
        for (String kept : List.of("workload", "ledgerDecisionsPerSecond", "baselineDecisionsPerSecond", "ratio",
                "ledgerP99Millis", "baselineP99Millis", "sameDecisions", "ledgerP50Millis", "ledgerP999Millis",
                "baselineP50Millis", "baselineP999Millis", "ledgerHeapUsedBytes")) {
            assertThat(first.has(kept)).as(kept).isTrue();
        }
        assertThat(results.get(1).path("ledgerCpuMillisPerDecision").asDouble()).isEqualTo(0.55);
        assertThat(results.get(1).path("fillEventsPerSecond").asLong()).isEqualTo(6_667);
        assertThat(results.get(2).path("replayEventsPerSecond").asLong()).isEqualTo(11_000);
        assertThat(results.get(3).path("requestsPerSecond").asLong()).isEqualTo(20_000);
    }

    @Test
    void theMarkdownComparesTheSteadyLoadOnBothStoresAndNamesTheCommand() {
        String markdown = Report.markdown(run, Map.of());

        assertThat(markdown)
                .contains("| Ledger CPU ms/decision |")
                .contains("| steady load, 1000 recipients (zipf) | 2,000 | 1,000 | 2.00 | 0.500 | 100,000 |")
                .contains("the client reaches 20,000 requests/s against a trivial endpoint")
                .contains("at the fastest HTTP workload's 2,000 decisions/s they take 4 % of one core")
                .contains("0.500 ms of ledger CPU per decision at 2,000 decisions/s on a store of 100,000 events, "
                        + "and 0.550 ms at 2,000 decisions/s on 1,120,000 events (+10 % CPU per decision)")
                .contains("980,000 shares decided over the Kafka bridge in 130.0 s")
                .contains("held 1,100,000 share rows")
                .contains("Quick run, 2026-12-03T12:00:00Z, 7 min 32 s, on H2 (embedded, file)")
                .contains("Command: `infra/bench/run.sh --quick`");
    }
}

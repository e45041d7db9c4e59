package com.quotaledger.api.readmodels;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An auditor sees every decision in the decision log and in the usage report, with the figures it was decided with.
 * How soon is a matter for the benchmark (the HTTP load reports how long the read models take to catch up); here the
 * wait is generous, so that a loaded machine cannot fail it, and only what arrives is checked.
 */
@FreshLedger
class ReadModelsShowEveryDecisionAsDecided {

    private static final Duration GENEROUS = Duration.ofSeconds(30);

    LedgerClient ledger;

    @Test
    void eachDecisionAppearsInTheLogWithItsFigures() {
        ledger.registerWithAllTerms("quick");

        for (int i = 0; i < 5; i++) {
            String requestId = "quick-" + i;
            long postIds = i == 4 ? 2_000_000 : 1_000 + i;
            Answer decided = ledger.share(Requests.share(requestId, "quick", postIds));
            assertThat(decided.status()).as("%s", decided).isEqualTo(i == 4 ? 422 : 201);

            JsonNode row = await().atMost(GENEROUS).pollInterval(Duration.ofMillis(20)).until(() -> rowOf(ledger,
                    requestId), Objects::nonNull);
            assertThat(row.path("decision").asText()).isEqualTo(i == 4 ? "DENIED" : "GRANTED");
            assertThat(row.path("postIds").asLong()).isEqualTo(postIds);
            assertThat(row.path("reason").isNull() ? null : row.path("reason").asText())
                    .isEqualTo(i == 4 ? "REQUEST_EXCEEDS_LIMIT" : null);
        }
        assertThat(ledger.get("/api/v1/audit/decisions?count=true&recipientId=quick&decision=DENIED").json()
                .path("total").asLong()).isEqualTo(1);
    }

    @Test
    void aGrantAppearsInTheUsageReportWithWhatItCounted() {
        ledger.registerWithAllTerms("usage");

        assertThat(ledger.share(Requests.share("usage-1", "usage", 7_777)).status()).isEqualTo(201);

        JsonNode usage = await().atMost(GENEROUS).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (JsonNode recipient : ledger.get("/api/v1/reports/usage").json().path("recipients")) {
                if (recipient.path("recipientId").asText().equals("usage")) {
                    return recipient;
                }
            }
            return null;
        }, Objects::nonNull);
        assertThat(usage.path("idsGrantedByBasis").path("STANDARD").path("postIds").asLong()).isEqualTo(7_777);
        assertThat(usage.path("idsGrantedByBasis").path("STANDARD").path("shares").asLong()).isEqualTo(1);
    }

    private static JsonNode rowOf(LedgerClient ledger, String requestId) {
        for (JsonNode item : ledger.get("/api/v1/audit/decisions?recipientId=quick&size=100").json().path("items")) {
            if (item.path("requestId").asText().equals(requestId)) {
                return item;
            }
        }
        return null;
    }
}

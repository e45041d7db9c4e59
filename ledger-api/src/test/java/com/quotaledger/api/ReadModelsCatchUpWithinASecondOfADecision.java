package com.quotaledger.api;

import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An auditor sees a decision in the decision log and in the usage report within a second of its answer. */
@FreshLedger
class ReadModelsCatchUpWithinASecondOfADecision {

    @LocalServerPort
    int port;

    @Test
    void eachDecisionAppearsInTheLogWithinASecond() {
        LedgerClient ledger = new LedgerClient(port);
        ledger.registerWithAllTerms("quick");

        for (int i = 0; i < 5; i++) {
            String requestId = "quick-" + i;
            Answer decided = ledger.share(Requests.share(requestId, "quick", i == 4 ? 2_000_000 : 1_000));
            assertThat(decided.status()).as("%s", decided).isIn(201, 422);

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> ledger
                    .get("/api/v1/audit/decisions?recipientId=quick&size=100").json().path("items")
                    .findValuesAsText("requestId").contains(requestId));
        }
        assertThat(ledger.get("/api/v1/audit/decisions?recipientId=quick&decision=DENIED").json()
                .path("total").asLong()).isEqualTo(1);
    }

    @Test
    void aGrantAppearsInTheUsageReportWithinASecond() {
        LedgerClient ledger = new LedgerClient(port);
        ledger.registerWithAllTerms("usage");

        assertThat(ledger.share(Requests.share("usage-1", "usage", 7_777)).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> ledger
                .get("/api/v1/reports/usage").json().path("recipients").findValues("recipientId").stream()
                .anyMatch(id -> id.asText().equals("usage")));
    }
}

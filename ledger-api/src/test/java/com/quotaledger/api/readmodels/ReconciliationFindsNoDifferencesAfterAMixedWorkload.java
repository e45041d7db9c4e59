package com.quotaledger.api.readmodels;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.MixedWorkload;
import com.quotaledger.api.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Once caught up, the quota read model agrees with every recipient's aggregate, field by field; one that lost a share
 * is reported, and a replay makes it whole. Each test leaves the ledger consistent, so their order does not matter.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
class ReconciliationFindsNoDifferencesAfterAMixedWorkload {

    LedgerClient ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theReadModelAgreesWithTheAggregatesAlsoAsSharesLeaveTheWindow() {
        MixedWorkload.run(ledger, "rec");
        MixedWorkload.run(ledger, "rec2");
        MixedWorkload.awaitReadModelsCaughtUp(ledger, Duration.ofSeconds(10));

        assertConsistent(ledger.get("/api/v1/admin/reconcile").json(), 6);
        ledger.advanceClock("P29D");
        assertConsistent(ledger.get("/api/v1/admin/reconcile").json(), 6);
        ledger.advanceClock("P2D");
        assertConsistent(ledger.get("/api/v1/admin/reconcile").json(), 6);
    }

    @Test
    void aReadModelThatLostAShareIsReportedWithTheFieldsThatDiffer() {
        ledger.registerWithAllTerms("lost");
        assertThat(ledger.share(Requests.share("lost-1", "lost", 1_000)).status()).isEqualTo(201);
        MixedWorkload.awaitReadModelsCaughtUp(ledger, Duration.ofSeconds(10));

        jdbc.update("DELETE FROM quota_window_share WHERE recipient_id = 'lost'");
        JsonNode reconciliation = ledger.get("/api/v1/admin/reconcile").json();

        assertThat(reconciliation.path("consistent").asBoolean()).isFalse();
        assertThat(reconciliation.path("differences").findValuesAsText("recipientId")).containsOnly("lost");
        assertThat(reconciliation.path("differences").findValuesAsText("field"))
                .contains("used", "remaining", "nextReleaseAt", "nextReleaseAmount");
        JsonNode used = null;
        for (JsonNode difference : reconciliation.path("differences")) {
            if (difference.path("field").asText().equals("used")) {
                used = difference;
            }
        }
        assertThat(used).isNotNull();
        assertThat(used.path("aggregate").asLong()).isEqualTo(1_000);
        assertThat(used.path("readModel").asLong()).isZero();

        // a replay rebuilds what was lost, so that the other test finds the ledger whole whichever runs first
        assertThat(ledger.post("/api/v1/admin/projections/replay", "{}").status()).isEqualTo(202);
        MixedWorkload.awaitReadModelsCaughtUp(ledger, Duration.ofSeconds(30));
        assertConsistent(ledger.get("/api/v1/admin/reconcile").json(), 1);
    }

    private static void assertConsistent(JsonNode reconciliation, int atLeastRecipients) {
        assertThat(reconciliation.path("differences")).as("%s", reconciliation).isEmpty();
        assertThat(reconciliation.path("consistent").asBoolean()).as("%s", reconciliation).isTrue();
        assertThat(reconciliation.path("recipientsChecked").asInt()).isGreaterThanOrEqualTo(atLeastRecipients);
        assertThat(reconciliation.path("projectedUpTo").path("position").isNumber()).isTrue();
    }
}

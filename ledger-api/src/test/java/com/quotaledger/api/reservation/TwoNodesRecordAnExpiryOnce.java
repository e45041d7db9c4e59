package com.quotaledger.api.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerClient.Answer;
import com.quotaledger.api.NodesOnAnH2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.api.Requests.reservation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every node looks for expiries to record, and both find the same one: the recipient records it once. The nodes
 * share an H2 server here, and the PostgreSQL server on the PostgreSQL run.
 */
class TwoNodesRecordAnExpiryOnce {

    private static final String[] SETTINGS = {"--ledger.reservations.expiry-interval=PT0.1S"};

    private NodesOnAnH2Server nodes;

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void anExpiryBothNodesFindIsRecordedOnce() throws Exception {
        nodes = NodesOnAnH2Server.in("h2-server-expiry");
        LedgerClient first = nodes.start(SETTINGS);
        LedgerClient second = nodes.start(SETTINGS);
        first.registerWithAllTerms("twice");
        List<String> reservationIds = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Answer reserved = (i % 2 == 0 ? first : second).post("/api/v1/reservations",
                    reservation("twice-" + i, "twice", 10, "PT2S"));
            assertThat(reserved.status()).as("%s", reserved).isEqualTo(201);
            reservationIds.add(reserved.json().path("reservationId").asText());
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(expiries(first)).hasSize(5));
        // long enough for both nodes to have looked many times since
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

        List<String> recorded = expiries(first);
        assertThat(recorded).as("each expiry once, however many nodes asked")
                .containsExactlyInAnyOrderElementsOf(reservationIds);
        for (String reservationId : reservationIds) {
            assertThat(second.get("/api/v1/reservations/" + reservationId).json().path("state").asText())
                    .isEqualTo("EXPIRED");
        }
    }

    /** The reservations whose expiry the recipient's history records, one entry per event. */
    private static List<String> expiries(LedgerClient node) {
        JsonNode history = node.get("/api/v1/audit/recipients/twice/history").json();
        List<String> expired = new ArrayList<>();
        history.path("events").forEach(event -> {
            if (event.path("type").asText().equals("ReservationExpired")) {
                expired.add(event.path("payload").path("reservationId").asText());
            }
        });
        return expired;
    }
}

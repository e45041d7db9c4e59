package com.quotaledger.api.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.DataDirs;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerClient.Answer;
import com.quotaledger.api.LedgerProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.reservation;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A reservation is in the recipient's history like a share: a process killed while it is open comes back holding it
 * until the same instant, and its expiry is recorded after the restart.
 */
class AReservationAndItsExpirySurviveARestart {

    private static final String[] ARGUMENTS = {"--ledger.test-clock.enabled=true",
            "--ledger.policy.rolling-limit=1000", "--ledger.reservations.expiry-interval=PT0.2S"};

    private final List<LedgerProcess> started = new ArrayList<>();

    @AfterEach
    void stopWhateverIsLeft() {
        started.forEach(LedgerProcess::close);
    }

    @Test
    void aKilledLedgerComesBackHoldingTheReservationUntilItsExpiry() {
        Path dataDir = DataDirs.fresh("reservation-restart");
        LedgerProcess first = start(dataDir);
        LedgerClient before = first.client();
        before.registerWithAllTerms("kept");
        Answer reserved = before.post("/api/v1/reservations", reservation("kept-1", "kept", 800, "PT2H"));
        assertThat(reserved.status()).as("%s", reserved).isEqualTo(201);
        String reservationId = reserved.json().path("reservationId").asText();
        Instant expiresAt = instant(reserved.json(), "expiresAt");
        before.advanceClock("PT1H");
        first.kill();

        LedgerClient after = start(dataDir).client();
        JsonNode open = after.get("/api/v1/reservations/" + reservationId).json();
        assertThat(open.path("state").asText()).as("%s", open).isEqualTo("OPEN");
        assertThat(instant(open, "expiresAt")).isEqualTo(expiresAt);
        JsonNode denied = assertProblem(after.share(share("kept-2", "kept", 300)), 429, "ROLLING_LIMIT_EXCEEDED");
        assertThat(instant(denied, "retryAt")).isEqualTo(expiresAt);
        Answer again = after.post("/api/v1/reservations", reservation("kept-1", "kept", 800, "PT2H"));
        assertThat(again.body()).as("the same requestId answers the recorded reservation")
                .isEqualTo(reserved.body());

        Instant now = after.advanceClock("PT1H");
        assertThat(now).isEqualTo(expiresAt);
        assertThat(after.share(share("kept-3", "kept", 300)).status()).as("the same share, at the expiry")
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode log = after.get("/api/v1/audit/decisions?decision=EXPIRED&recipientId=kept").json();
            assertThat(log.path("items")).as("%s", log).hasSize(1);
            assertThat(log.path("items").get(0).path("reservationId").asText()).isEqualTo(reservationId);
        });
    }

    private LedgerProcess start(Path dataDir) {
        LedgerProcess process = LedgerProcess.start(dataDir, ARGUMENTS);
        started.add(process);
        return process;
    }
}

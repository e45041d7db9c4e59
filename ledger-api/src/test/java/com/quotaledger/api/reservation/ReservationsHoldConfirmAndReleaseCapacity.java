package com.quotaledger.api.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.assertQuota;
import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.reservation;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Reserve, confirm, void and expire over HTTP, with every refusal, walked through on the test clock. */
@FreshLedger
@TestPropertySource(properties = {"ledger.test-clock.enabled=true", "ledger.policy.rolling-limit=1000",
        "ledger.reservations.expiry-interval=PT0.2S"})
class ReservationsHoldConfirmAndReleaseCapacity {

    private static final long LIMIT = 1_000;
    private static final Duration WINDOW = Duration.ofDays(30);

    LedgerClient ledger;

    @Test
    void aReservationHoldsCapacityUntilItExpiresAndThenTheSameShareIsGranted() {
        ledger.registerWithAllTerms("hold");
        Instant t0 = ledger.clockNow();

        Answer reserved = ledger.post("/api/v1/reservations", reservation("hold-1", "hold", 800, "PT30M"));
        assertThat(reserved.status()).as("%s", reserved).isEqualTo(201);
        JsonNode grant = reserved.json();
        String reservationId = grant.path("reservationId").asText();
        assertThat(reservationId).startsWith("hold~");
        assertThat(grant.path("decision").asText()).isEqualTo("RESERVED");
        assertThat(instant(grant, "decidedAt")).isEqualTo(t0);
        assertThat(instant(grant, "expiresAt")).isEqualTo(t0.plus(Duration.ofMinutes(30)));
        assertThat(grant.path("holdFor").asText()).isEqualTo("PT30M");
        assertQuota(grant.path("quota"), WINDOW, LIMIT, 0, 800, t0, null, 0);
        assertThat(reserved.header("RateLimit")).contains("\"post-ids\";r=200");

        JsonNode tooMuch = assertProblem(ledger.share(share("hold-2", "hold", 300)), 429, "ROLLING_LIMIT_EXCEEDED");
        assertThat(instant(tooMuch, "retryAt")).as("when the reservation expires")
                .isEqualTo(t0.plus(Duration.ofMinutes(30)));
        assertQuota(tooMuch.path("quota"), WINDOW, LIMIT, 0, 800, t0, null, 0);
        assertThat(ledger.share(share("hold-3", "hold", 200)).status()).as("what is left beside it").isEqualTo(201);

        JsonNode open = ledger.get("/api/v1/reservations/" + reservationId).json();
        assertThat(open.path("state").asText()).isEqualTo("OPEN");
        assertThat(open.path("postIdCount").asLong()).isEqualTo(800);

        Instant expired = ledger.advanceClock("PT30M");
        JsonNode afterExpiry = ledger.get("/api/v1/reservations/" + reservationId).json();
        assertThat(afterExpiry.path("state").asText()).as("exact, whatever ran").isEqualTo("EXPIRED");
        assertThat(instant(afterExpiry, "closedAt")).isEqualTo(expired);
        Answer same = ledger.share(share("hold-4", "hold", 300));
        assertThat(same.status()).as("the same share, now: %s", same).isEqualTo(201);
        assertQuota(ledger.get("/api/v1/recipients/hold/quota?asOf=" + t0.plusSeconds(1)).json().path("postIds"),
                WINDOW, LIMIT, 200, 800, t0.plusSeconds(1), t0.plus(WINDOW), 200);
        assertQuota(ledger.get("/api/v1/recipients/hold/quota?asOf=" + expired).json().path("postIds"),
                WINDOW, LIMIT, 500, 0, expired, t0.plus(WINDOW), 200);

        JsonNode late = assertProblem(ledger.post("/api/v1/reservations/" + reservationId + "/confirm",
                "{\"requestId\":\"hold-5\"}"), 409, "RESERVATION_NOT_OPEN");
        assertThat(late.path("state").asText()).isEqualTo("EXPIRED");
        assertThat(instant(late, "closedAt")).isEqualTo(expired);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode log = ledger.get("/api/v1/audit/decisions?decision=EXPIRED&recipientId=hold").json();
            assertThat(log.path("items")).as("%s", log).hasSize(1);
            JsonNode row = log.path("items").get(0);
            assertThat(row.path("reservationId").asText()).isEqualTo(reservationId);
            assertThat(instant(row, "decidedAt")).isEqualTo(expired);
            assertThat(row.path("actor").asText()).isEqualTo("ledger");
        });
    }

    @Test
    void aConfirmationCountsWhatWasDeliveredFromItsOwnTimeAndReleasesTheRest() {
        ledger.registerWithAllTerms("deliver");
        Instant t0 = ledger.clockNow();
        String reservationId = ledger.post("/api/v1/reservations",
                reservation("deliver-1", "deliver", 600, "PT1H")).json().path("reservationId").asText();
        Instant t1 = ledger.advanceClock("PT10M");

        JsonNode exceeds = assertProblem(ledger.post("/api/v1/reservations/" + reservationId + "/confirm",
                confirmation("deliver-2", 601)), 422, "EXCEEDS_RESERVATION");
        assertThat(exceeds.path("reserved").path("postIdCount").asLong()).isEqualTo(600);

        Answer confirmed = ledger.post("/api/v1/reservations/" + reservationId + "/confirm",
                confirmation("deliver-3", 450));
        assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(201);
        JsonNode share = confirmed.json();
        assertThat(share.path("decision").asText()).isEqualTo("CONFIRMED");
        assertThat(share.path("shareId").asText()).isNotBlank();
        assertThat(instant(share, "decidedAt")).isEqualTo(t1);
        assertThat(share.path("postIdCount").asLong()).isEqualTo(450);
        assertThat(share.path("released").path("postIdCount").asLong()).isEqualTo(150);
        assertQuota(share.path("quota"), WINDOW, LIMIT, 450, 0, t1, t1.plus(WINDOW), 450);
        assertThat(t1).isAfter(t0);

        Answer again = ledger.post("/api/v1/reservations/" + reservationId + "/confirm",
                confirmation("deliver-3", 450));
        assertThat(again.status()).as("the same requestId again").isEqualTo(201);
        assertThat(again.body()).isEqualTo(confirmed.body());
        assertProblem(ledger.post("/api/v1/reservations/" + reservationId + "/confirm",
                confirmation("deliver-3", 449)), 409, "REQUEST_ID_REUSED");
        JsonNode twice = assertProblem(ledger.post("/api/v1/reservations/" + reservationId + "/void",
                "{\"requestId\":\"deliver-4\"}"), 409, "RESERVATION_NOT_OPEN");
        assertThat(twice.path("state").asText()).isEqualTo("CONFIRMED");

        JsonNode described = ledger.get("/api/v1/reservations/" + reservationId).json();
        assertThat(described.path("state").asText()).isEqualTo("CONFIRMED");
        assertThat(described.path("shareId").asText()).isEqualTo(share.path("shareId").asText());
        assertThat(described.path("confirmed").path("postIdCount").asLong()).isEqualTo(450);
    }

    @Test
    void aVoidReleasesEverythingAndAVoidedReservationCannotBeConfirmed() {
        ledger.registerWithAllTerms("release");
        Instant t0 = ledger.clockNow();
        String reservationId = ledger.post("/api/v1/reservations",
                reservation("release-1", "release", 1_000, "PT1H")).json().path("reservationId").asText();
        assertProblem(ledger.share(share("release-2", "release", 1)), 429, "ROLLING_LIMIT_EXCEEDED");

        Answer voided = ledger.post("/api/v1/reservations/" + reservationId + "/void",
                "{\"requestId\":\"release-3\"}");
        assertThat(voided.status()).as("%s", voided).isEqualTo(200);
        assertThat(voided.json().path("decision").asText()).isEqualTo("VOIDED");
        assertThat(voided.json().path("released").path("postIdCount").asLong()).isEqualTo(1_000);
        assertQuota(voided.json().path("quota"), WINDOW, LIMIT, 0, 0, t0, null, 0);
        assertThat(ledger.share(share("release-4", "release", 1_000)).status()).isEqualTo(201);

        JsonNode notOpen = assertProblem(ledger.post("/api/v1/reservations/" + reservationId + "/confirm",
                "{\"requestId\":\"release-5\"}"), 409, "RESERVATION_NOT_OPEN");
        assertThat(notOpen.path("state").asText()).isEqualTo("VOIDED");
    }

    @Test
    void badReservationsAreRefusedAndChangeNothing() {
        ledger.registerWithAllTerms("strict");
        for (String holdFor : new String[]{"PT0S", "-PT1M", "PT24H0.001S", "P2D", "soon"}) {
            Answer refused = ledger.post("/api/v1/reservations", reservation("strict-" + holdFor, "strict", 10,
                    holdFor));
            assertThat(refused.status()).as("holdFor %s: %s", holdFor, refused).isEqualTo(400);
        }
        assertProblem(ledger.post("/api/v1/reservations", share("strict-none", "strict", 10)), 400,
                "INVALID_FIELD");
        assertThat(ledger.post("/api/v1/reservations", reservation("strict-max", "strict", 10, "PT24H")).status())
                .as("the maximum itself").isEqualTo(201);
        assertProblem(ledger.get("/api/v1/reservations/strict~no-such"), 404, "RESERVATION_NOT_FOUND");
        assertProblem(ledger.get("/api/v1/reservations/nobody~r1"), 404, "RESERVATION_NOT_FOUND");
        assertProblem(ledger.get("/api/v1/reservations/not-a-reservation"), 404, "RESERVATION_NOT_FOUND");
        assertProblem(ledger.post("/api/v1/reservations/strict~no-such/confirm", "{\"requestId\":\"strict-c\"}"),
                404, "RESERVATION_NOT_FOUND");
        assertProblem(ledger.post("/api/v1/reservations/strict~no-such/void", "{\"requestId\":\"strict-v\"}"),
                404, "RESERVATION_NOT_FOUND");
        assertProblem(ledger.post("/api/v1/reservations/strict~no-such/confirm",
                "{\"requestId\":\"strict-c\",\"postIdCount\":1}"), 400, "INVALID_FIELD");
        assertProblem(ledger.post("/api/v1/reservations/strict~no-such/confirm",
                "{\"requestId\":\"strict-c\",\"postIdCount\":0,\"userIdCount\":0,\"directMessageIdCount\":0}"),
                400, "INVALID_FIELD");
        JsonNode quota = ledger.quota("strict").json().path("postIds");
        assertThat(quota.path("used").asLong()).isZero();
        assertThat(quota.path("reserved").asLong()).as("only the one at the maximum").isEqualTo(10);
    }

    private static String confirmation(String requestId, long postIdCount) {
        return "{\"requestId\":\"%s\",\"postIdCount\":%d,\"userIdCount\":0,\"directMessageIdCount\":0}"
                .formatted(requestId, postIdCount);
    }
}

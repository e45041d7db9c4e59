package com.quotaledger.api.recipient;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.assertQuota;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quota asked for as of a past instant is rebuilt from the events up to it: the limit of a written permission
 * while it held, the default before and after, over the same window.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
class TheQuotaAsOfAnInstantIsTheQuotaThen {

    static final Duration WINDOW = Duration.ofDays(30);

    LedgerClient ledger;

    @Test
    void aPermissionThatStartedAndEndedRaisesTheLimitOnlyWhileItHeld() {
        Instant t0 = ledger.clockNow();
        Instant from = t0.plus(Duration.ofDays(2));
        Instant until = t0.plus(Duration.ofDays(4));
        ledger.registerWithAllTerms("then");
        assertThat(ledger.share(Requests.share("then-1", "then", 1_000_000)).status()).isEqualTo(201);
        ledger.advanceClock("P1D");
        assertThat(ledger.post("/api/v1/recipients/then/limit-permissions", """
                {"permissionId":"PERM-9","postIdLimit":3000000,"validFrom":"%s","validUntil":"%s",\
                "writtenPermissionReference":"X letter 9","grantedBy":"officer@ledger.example"}"""
                .formatted(from, until)).status()).isEqualTo(201);
        ledger.advanceClock("P1DT1H");
        Instant second = t0.plus(Duration.ofDays(2)).plus(Duration.ofHours(1));
        assertThat(ledger.share(Requests.share("then-2", "then", 1_500_000)).status()).isEqualTo(201);
        ledger.advanceClock("P3D");

        Instant before = t0.plus(Duration.ofDays(1)).plus(Duration.ofHours(12));
        JsonNode beforeIt = asOf(ledger, "then", before);
        assertThat(beforeIt.path("limitSource").asText()).isEqualTo("DEFAULT");
        assertQuota(beforeIt.path("postIds"), 1_500_000, 1_000_000, before, t0.plus(WINDOW), 1_000_000);
        assertThat(beforeIt.path("postIds").path("limitSource").asText()).isEqualTo("DEFAULT");

        Instant during = t0.plus(Duration.ofDays(3));
        JsonNode duringIt = asOf(ledger, "then", during);
        assertThat(duringIt.path("limitSource").asText()).isEqualTo("PERM-9");
        assertQuota(duringIt.path("postIds"), 3_000_000, 2_500_000, during, t0.plus(WINDOW), 1_000_000);
        assertThat(duringIt.path("limitPermissions").get(0).path("validNow").asBoolean()).isTrue();

        JsonNode atItsEnd = asOf(ledger, "then", until);
        assertThat(atItsEnd.path("limitSource").asText()).isEqualTo("DEFAULT");
        assertQuota(atItsEnd.path("postIds"), 1_500_000, 2_500_000, until, t0.plus(WINDOW), 1_000_000);
        assertThat(atItsEnd.path("limitPermissions").get(0).path("validNow").asBoolean()).isFalse();

        JsonNode justBeforeItsEnd = asOf(ledger, "then", until.minusNanos(1));
        assertThat(justBeforeItsEnd.path("postIds").path("limit").asLong()).isEqualTo(3_000_000);
        JsonNode justBeforeItStarted = asOf(ledger, "then", from.minusNanos(1));
        assertThat(justBeforeItStarted.path("postIds").path("limit").asLong()).isEqualTo(1_500_000);

        JsonNode beforeTheSecondShare = asOf(ledger, "then", second.minusNanos(1));
        assertQuota(beforeTheSecondShare.path("postIds"), 3_000_000, 1_000_000, second.minusNanos(1),
                t0.plus(WINDOW), 1_000_000);

        Instant now = ledger.clockNow();
        JsonNode current = ledger.quota("then").json();
        assertQuota(current.path("postIds"), 1_500_000, 2_500_000, now, t0.plus(WINDOW), 1_000_000);
        assertThat(asOf(ledger, "then", now).path("postIds")).isEqualTo(current.path("postIds"));
    }

    @Test
    void theQuotaAsOfAnInstantWithAnOffsetIsTheSameInstant() {
        ledger.registerWithAllTerms("offset");
        Instant at = ledger.clockNow();
        ledger.advanceClock("PT1H");

        JsonNode inUtc = asOf(ledger, "offset", at);
        JsonNode withOffset = ledger.get("/api/v1/recipients/offset/quota?asOf="
                + at.atOffset(java.time.ZoneOffset.ofHours(5)).toString().replace("+", "%2B")).json();
        assertThat(withOffset).isEqualTo(inUtc);
    }

    @Test
    void onlyAPastInstantAfterTheRegistrationHasAQuota() {
        Instant before = ledger.clockNow();
        ledger.advanceClock("PT1S");
        ledger.registerWithAllTerms("later");
        Instant now = ledger.clockNow();

        assertProblem(ledger.get("/api/v1/recipients/later/quota?asOf=" + now.plusSeconds(1)), 400, "INVALID_FIELD");
        assertProblem(ledger.get("/api/v1/recipients/later/quota?asOf=" + before), 404, "RECIPIENT_NOT_FOUND");
        assertProblem(ledger.get("/api/v1/recipients/later/quota?asOf=yesterday"), 400, "INVALID_FIELD");
        assertProblem(ledger.get("/api/v1/recipients/nobody/quota?asOf=" + now), 404, "RECIPIENT_NOT_FOUND");
        assertThat(ledger.get("/api/v1/recipients/later/quota?asOf=" + now).status()).isEqualTo(200);
    }

    private static JsonNode asOf(LedgerClient ledger, String recipientId, Instant instant) {
        LedgerClient.Answer answer = ledger.get("/api/v1/recipients/" + recipientId + "/quota?asOf=" + instant);
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        assertThat(Instant.parse(answer.json().path("asOf").asText())).isEqualTo(instant);
        return answer.json();
    }
}

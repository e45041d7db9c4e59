package com.quotaledger.api.share;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.assertQuota;
import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recipient receives at most 1,500,000 Post IDs in any 30 days: a share granted at {@code s} counts until exactly
 * {@code s + 30 days}. Walked through with the test clock.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
class ShareDecisionsFollowTheRollingWindow {

    private static final long LIMIT = 1_500_000;
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final String POLICY_HEADER = "\"post-ids\";q=1500000;w=2592000";

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    @Test
    void aShareCountsUntilExactlyThirtyDaysAfterItWasGranted() {
        ledger.registerWithAllTerms("walk");
        Instant t0 = ledger.clockNow();

        Answer first = ledger.share(share("walk-1", "walk", 1_000_000, 0, 0, "first batch"));
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(first.contentType()).startsWith("application/json");
        JsonNode granted = first.json();
        assertThat(granted.path("requestId").asText()).isEqualTo("walk-1");
        assertThat(granted.path("shareId").asText()).isNotBlank();
        assertThat(granted.path("recipientId").asText()).isEqualTo("walk");
        assertThat(granted.path("decision").asText()).isEqualTo("GRANTED");
        assertThat(instant(granted, "decidedAt")).isEqualTo(t0);
        assertThat(granted.path("postIdCount").asLong()).isEqualTo(1_000_000);
        assertThat(granted.path("userIdCount").asLong()).isZero();
        assertThat(granted.path("directMessageIdCount").asLong()).isZero();
        assertThat(granted.path("purpose").asText()).isEqualTo("first batch");
        assertQuota(granted.path("quota"), LIMIT, 1_000_000, t0, t0.plus(WINDOW), 1_000_000);
        assertThat(first.header("RateLimit-Policy")).contains(POLICY_HEADER);
        assertThat(first.header("RateLimit")).contains("\"post-ids\";r=500000;t=2592000");
        assertThat(first.header("Retry-After")).isEmpty();

        Instant t1 = ledger.advanceClock("P10D");
        Answer second = ledger.share(share("walk-2", "walk", 400_000));
        assertThat(second.status()).as("%s", second).isEqualTo(201);
        assertQuota(second.json().path("quota"), LIMIT, 1_400_000, t1, t0.plus(WINDOW), 1_000_000);
        assertThat(second.header("RateLimit")).contains("\"post-ids\";r=100000;t=1728000");

        Answer tooMany = ledger.share(share("walk-3", "walk", 200_000));
        JsonNode denied = assertProblem(tooMany, 429, "ROLLING_LIMIT_EXCEEDED");
        assertThat(denied.path("requestId").asText()).isEqualTo("walk-3");
        assertThat(denied.path("decision").asText()).isEqualTo("DENIED");
        assertThat(denied.path("recipientId").asText()).isEqualTo("walk");
        assertThat(instant(denied, "decidedAt")).isEqualTo(t1);
        assertThat(denied.path("postIdCount").asLong()).isEqualTo(200_000);
        assertThat(denied.path("userIdCount").asLong()).isZero();
        assertThat(denied.path("directMessageIdCount").asLong()).isZero();
        assertThat(instant(denied, "retryAt")).isEqualTo(t0.plus(WINDOW));
        assertQuota(denied.path("quota"), LIMIT, 1_400_000, t1, t0.plus(WINDOW), 1_000_000);
        assertThat(tooMany.header("Retry-After")).contains(Long.toString(Duration.ofDays(20).toSeconds()));
        assertThat(tooMany.header("RateLimit-Policy")).contains(POLICY_HEADER);
        assertThat(tooMany.header("RateLimit")).contains("\"post-ids\";r=100000;t=1728000");

        Answer upToTheLimit = ledger.share(share("walk-4", "walk", 100_000));
        assertThat(upToTheLimit.status()).as("a share that fills the limit exactly: %s", upToTheLimit)
                .isEqualTo(201);
        assertQuota(upToTheLimit.json().path("quota"), LIMIT, LIMIT, t1, t0.plus(WINDOW), 1_000_000);
        assertThat(upToTheLimit.header("RateLimit")).contains("\"post-ids\";r=0;t=1728000");

        Instant justBefore = ledger.advanceClock("PT479H59M59.999S");
        assertThat(justBefore).isEqualTo(t0.plus(WINDOW).minusMillis(1));
        Answer oneTooEarly = ledger.share(share("walk-5", "walk", 1));
        JsonNode stillDenied = assertProblem(oneTooEarly, 429, "ROLLING_LIMIT_EXCEEDED");
        assertThat(instant(stillDenied, "retryAt")).isEqualTo(t0.plus(WINDOW));
        assertThat(oneTooEarly.header("Retry-After")).as("a millisecond rounds up to a second").contains("1");
        assertQuota(stillDenied.path("quota"), LIMIT, LIMIT, justBefore, t0.plus(WINDOW), 1_000_000);

        Instant released = ledger.advanceClock("PT0.001S");
        assertThat(released).isEqualTo(t0.plus(WINDOW));
        JsonNode quota = ledger.quota("walk").json();
        assertQuota(quota.path("postIds"), LIMIT, 500_000, released, t1.plus(WINDOW), 500_000);
        Answer afterRelease = ledger.share(share("walk-6", "walk", 200_000));
        assertThat(afterRelease.status()).as("%s", afterRelease).isEqualTo(201);
        assertQuota(afterRelease.json().path("quota"), LIMIT, 700_000, released, t1.plus(WINDOW), 500_000);

        Instant t1Released = ledger.advanceClock("P10D");
        assertQuota(ledger.quota("walk").json().path("postIds"), LIMIT, 200_000, t1Released,
                released.plus(WINDOW), 200_000);
    }

    @Test
    void aRefusedShareFitsFromItsRetryAtAndNotBefore() {
        ledger.registerWithAllTerms("retry");
        Instant t0 = ledger.clockNow();
        assertThat(ledger.share(share("retry-1", "retry", 500_000)).status()).isEqualTo(201);
        ledger.advanceClock("P5D");
        assertThat(ledger.share(share("retry-2", "retry", 400_000)).status()).isEqualTo(201);
        Instant t10 = ledger.advanceClock("P5D");
        assertThat(ledger.share(share("retry-3", "retry", 300_000)).status()).isEqualTo(201);

        // 1,200,000 used: a million more fits once 700,000 have left, when the share of day 5 leaves.
        Answer refused = ledger.share(share("retry-4", "retry", 1_000_000));
        JsonNode denied = assertProblem(refused, 429, "ROLLING_LIMIT_EXCEEDED");
        Instant retryAt = t0.plus(Duration.ofDays(5)).plus(WINDOW);
        assertThat(instant(denied, "retryAt")).isEqualTo(retryAt);
        assertThat(refused.header("Retry-After"))
                .contains(Long.toString(Duration.between(t10, retryAt).toSeconds()));
        assertQuota(denied.path("quota"), LIMIT, 1_200_000, t10, t0.plus(WINDOW), 500_000);

        ledger.advanceClock(Duration.between(t10, retryAt).minusMillis(1).toString());
        Answer early = ledger.share(share("retry-5", "retry", 1_000_000));
        assertThat(instant(assertProblem(early, 429, "ROLLING_LIMIT_EXCEEDED"), "retryAt")).isEqualTo(retryAt);

        ledger.advanceClock("PT0.001S");
        Answer onTime = ledger.share(share("retry-6", "retry", 1_000_000));
        assertThat(onTime.status()).as("the same share at its retryAt: %s", onTime).isEqualTo(201);
        assertQuota(onTime.json().path("quota"), LIMIT, 1_300_000, retryAt, t10.plus(WINDOW), 300_000);
    }

    @Test
    void onlyPostIdsCountAgainstTheLimitButEveryKindIsReported() {
        ledger.registerWithAllTerms("kinds");
        Instant t0 = ledger.clockNow();

        Answer usersAndMessages = ledger.share(share("kinds-1", "kinds", 0, 5_000_000, 2_000_000, null));
        assertThat(usersAndMessages.status()).as("%s", usersAndMessages).isEqualTo(201);
        assertQuota(usersAndMessages.json().path("quota"), LIMIT, 0, t0);
        assertThat(usersAndMessages.header("RateLimit")).contains("\"post-ids\";r=1500000");

        assertThat(ledger.share(share("kinds-2", "kinds", LIMIT)).status()).isEqualTo(201);
        Answer usersWhenPostsAreFull = ledger.share(share("kinds-3", "kinds", 0, 10_000_000, 0, null));
        assertThat(usersWhenPostsAreFull.status()).as("%s", usersWhenPostsAreFull).isEqualTo(201);

        JsonNode quota = ledger.quota("kinds").json();
        assertThat(quota.path("recipientId").asText()).isEqualTo("kinds");
        assertThat(instant(quota, "asOf")).isEqualTo(t0);
        assertThat(quota.path("countedIdKinds").toString()).isEqualTo("[\"POST\"]");
        assertQuota(quota.path("postIds"), LIMIT, LIMIT, t0, t0.plus(WINDOW), LIMIT);
        assertThat(quota.path("userIds").path("inWindow").asLong()).isEqualTo(15_000_000);
        assertThat(quota.path("directMessageIds").path("inWindow").asLong()).isEqualTo(2_000_000);

        Instant later = ledger.advanceClock("P30D");
        JsonNode emptied = ledger.quota("kinds").json();
        assertQuota(emptied.path("postIds"), LIMIT, 0, later);
        assertThat(emptied.path("userIds").path("inWindow").asLong()).isZero();
        assertThat(emptied.path("directMessageIds").path("inWindow").asLong()).isZero();
    }

    @Test
    void aShareLargerThanTheLimitIsRefusedForGood() {
        ledger.registerWithAllTerms("huge");
        Instant now = ledger.clockNow();

        Answer refused = ledger.share(share("huge-1", "huge", LIMIT + 1));
        JsonNode denied = assertProblem(refused, 422, "REQUEST_EXCEEDS_LIMIT");
        assertThat(denied.path("decision").asText()).isEqualTo("DENIED");
        assertThat(denied.path("requestId").asText()).isEqualTo("huge-1");
        assertThat(denied.has("retryAt")).as("never fits, so no retryAt: %s", denied).isFalse();
        assertThat(refused.header("Retry-After")).isEmpty();
        assertThat(refused.header("RateLimit")).contains("\"post-ids\";r=1500000");
        assertQuota(denied.path("quota"), LIMIT, 0, now);

        Answer wholeLimit = ledger.share(share("huge-2", "huge", LIMIT));
        assertThat(wholeLimit.status()).as("%s", wholeLimit).isEqualTo(201);
    }

    @Test
    void sharesWaitForAllFourDocuments() {
        Answer registered = ledger.post("/api/v1/recipients", Requests.registration("terms"));
        assertThat(registered.status()).isEqualTo(201);
        Answer threeOfFour = ledger.post("/api/v1/recipients/terms/terms-acceptances", """
                {"acceptedBy":"jane@terms.example","documents":{"TERMS_OF_SERVICE":"2025-09",\
                "PRIVACY_POLICY":"2025-09","DEVELOPER_AGREEMENT":"2025-10"}}""");
        assertThat(threeOfFour.status()).isEqualTo(201);

        Answer refused = ledger.share(share("terms-1", "terms", 10));
        JsonNode denied = assertProblem(refused, 422, "TERMS_NOT_ACCEPTED");
        assertThat(denied.path("decision").asText()).isEqualTo("DENIED");
        assertThat(denied.has("retryAt")).isFalse();
        assertThat(refused.header("Retry-After")).isEmpty();
        assertQuota(denied.path("quota"), LIMIT, 0, ledger.clockNow());

        Answer fourth = ledger.post("/api/v1/recipients/terms/terms-acceptances",
                "{\"acceptedBy\":\"jane@terms.example\",\"documents\":{\"DEVELOPER_POLICY\":\"2025-10\"}}");
        assertThat(fourth.status()).isEqualTo(201);
        assertThat(ledger.share(share("terms-2", "terms", 10)).status()).isEqualTo(201);
    }

    @Test
    void aShareToAnUnknownRecipientIsNotDecided() {
        Answer unknown = ledger.share(share("ghost-1", "ghost", 10));
        assertThat(assertProblem(unknown, 404, "RECIPIENT_NOT_FOUND").path("recipientId").asText())
                .isEqualTo("ghost");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM request_log WHERE request_id = 'ghost-1'", Long.class))
                .isZero();
        assertProblem(ledger.quota("ghost"), 404, "RECIPIENT_NOT_FOUND");

        ledger.registerWithAllTerms("ghost");
        Answer decided = ledger.share(share("ghost-1", "ghost", 10));
        assertThat(decided.status()).as("the requestId was never decided: %s", decided).isEqualTo(201);
    }
}

package com.quotaledger.api.config;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.assertQuota;
import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/** The limit, the window and the kinds of IDs that count are the ones configured under {@code ledger.policy}. */
@FreshLedger
@TestPropertySource(properties = {"ledger.test-clock.enabled=true", "ledger.policy.rolling-limit=1000",
        "ledger.policy.rolling-window=P7D", "ledger.policy.counted-id-kinds=POST,USER"})
class ThePolicyIsTakenFromConfiguration {

    private static final Duration WEEK = Duration.ofDays(7);

    LedgerClient ledger;

    @Test
    void aWeeklyLimitOnPostAndUserIds() {
        ledger.registerWithAllTerms("weekly");
        Instant t0 = ledger.clockNow();

        Answer granted = ledger.share(share("weekly-1", "weekly", 600, 300, 5_000, null));
        assertThat(granted.status()).as("%s", granted).isEqualTo(201);
        assertQuota(granted.json().path("quota"), WEEK, 1_000, 900, t0, t0.plus(WEEK), 900);
        assertThat(granted.header("RateLimit-Policy")).contains("\"post-ids\";q=1000;w=604800");
        assertThat(granted.header("RateLimit")).contains("\"post-ids\";r=100;t=604800");

        Answer denied = ledger.share(share("weekly-2", "weekly", 50, 60, 0, null));
        JsonNode problem = assertProblem(denied, 429, "ROLLING_LIMIT_EXCEEDED");
        assertThat(instant(problem, "retryAt")).isEqualTo(t0.plus(WEEK));
        assertThat(denied.header("Retry-After")).contains("604800");

        assertProblem(ledger.share(share("weekly-3", "weekly", 0, 1_001, 0, null)), 422, "REQUEST_EXCEEDS_LIMIT");
        Answer messagesOnly = ledger.share(share("weekly-4", "weekly", 0, 0, 10_000_000, null));
        assertThat(messagesOnly.status()).as("direct message IDs do not count: %s", messagesOnly).isEqualTo(201);

        JsonNode quota = ledger.quota("weekly").json();
        assertThat(quota.path("countedIdKinds").toString()).isEqualTo("[\"POST\",\"USER\"]");
        assertQuota(quota.path("postIds"), WEEK, 1_000, 900, t0, t0.plus(WEEK), 900);
        assertThat(quota.path("userIds").path("inWindow").asLong()).isEqualTo(300);
        assertThat(quota.path("directMessageIds").path("inWindow").asLong()).isEqualTo(10_005_000);

        Instant nextWeek = ledger.advanceClock("P7D");
        assertQuota(ledger.quota("weekly").json().path("postIds"), WEEK, 1_000, 0, nextWeek, null, 0);
        assertThat(ledger.share(share("weekly-5", "weekly", 50, 60, 0, null)).status()).isEqualTo(201);
    }
}

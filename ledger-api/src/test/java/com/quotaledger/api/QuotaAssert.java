package com.quotaledger.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks a quota as the API shows it: every field, each derived from the few that matter. */
public final class QuotaAssert {

    public static final Duration WINDOW = Duration.ofDays(30);

    private QuotaAssert() {
    }

    /** A quota with nothing due to leave the window. */
    public static void assertQuota(JsonNode quota, long limit, long used, Instant asOf) {
        assertQuota(quota, limit, used, asOf, null, 0);
    }

    public static void assertQuota(JsonNode quota, long limit, long used, Instant asOf, Instant nextReleaseAt,
                            long nextReleaseAmount) {
        assertQuota(quota, WINDOW, limit, used, asOf, nextReleaseAt, nextReleaseAmount);
    }

    public static void assertQuota(JsonNode quota, Duration window, long limit, long used, Instant asOf,
                            Instant nextReleaseAt, long nextReleaseAmount) {
        assertQuota(quota, window, limit, used, 0, asOf, nextReleaseAt, nextReleaseAmount);
    }

    /** A quota with {@code reserved} IDs held by open reservations beside the {@code used} ones. */
    public static void assertQuota(JsonNode quota, Duration window, long limit, long used, long reserved,
                                   Instant asOf, Instant nextReleaseAt, long nextReleaseAmount) {
        String context = quota.toString();
        assertThat(quota.path("limit").asLong()).as("limit in %s", context).isEqualTo(limit);
        assertThat(quota.path("used").asLong()).as("used in %s", context).isEqualTo(used);
        assertThat(quota.path("reserved").asLong()).as("reserved in %s", context).isEqualTo(reserved);
        assertThat(quota.path("remaining").asLong()).as("remaining in %s", context)
                .isEqualTo(Math.max(0, limit - used - reserved));
        assertThat(quota.path("windowDays").asLong()).as("windowDays in %s", context).isEqualTo(window.toDays());
        assertThat(Duration.parse(quota.path("window").asText())).as("window in %s", context).isEqualTo(window);
        assertThat(instant(quota, "asOf")).as("asOf in %s", context).isEqualTo(asOf);
        assertThat(instant(quota, "windowStart")).as("windowStart in %s", context).isEqualTo(asOf.minus(window));
        assertThat(instant(quota, "nextReleaseAt")).as("nextReleaseAt in %s", context).isEqualTo(nextReleaseAt);
        assertThat(quota.path("nextReleaseAmount").asLong()).as("nextReleaseAmount in %s", context)
                .isEqualTo(nextReleaseAmount);
    }

    /** An instant field, or null when it is absent or null. */
    public static Instant instant(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? Instant.parse(value.asText()) : null;
    }
}

package com.quotaledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.WINDOW;
import static com.quotaledger.api.QuotaAssert.instant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a recipient's history implies, computed the plain way: a share granted at {@code s} counts at {@code t} iff
 * {@code s <= t < s + 30 days}. Checks the ledger's answers against it and records the grants it expects.
 */
public final class ExpectedWindow {

    public record Grant(Instant grantedAt, long postIds) {
    }

    private final long limit;
    private final List<Grant> grants = new ArrayList<>();

    public ExpectedWindow(long limit) {
        this.limit = limit;
    }

    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    public long usedAt(Instant now) {
        return grants.stream().filter(grant -> counts(grant, now)).mapToLong(Grant::postIds).sum();
    }

    /** Checks the answer to a share of {@code postIds} Post IDs decided at {@code now}, and records a grant. */
    public void assertDecision(Answer answer, Instant now, long postIds) {
        long used = usedAt(now);
        if (postIds > limit) {
            JsonNode denied = assertProblem(answer, 422, "REQUEST_EXCEEDS_LIMIT");
            assertQuota(denied.path("quota"), now);
        } else if (used + postIds > limit) {
            JsonNode denied = assertProblem(answer, 429, "ROLLING_LIMIT_EXCEEDED");
            assertThat(instant(denied, "retryAt")).as("retryAt of %s", answer).isEqualTo(fitsAt(now, postIds));
            assertQuota(denied.path("quota"), now);
        } else {
            assertThat(answer.status()).as("a share of %d with %d of %d used: %s", postIds, used, limit, answer)
                    .isEqualTo(201);
            grants.add(new Grant(now, postIds));
            assertQuota(answer.json().path("quota"), now);
        }
    }

    public void assertQuota(JsonNode quota, Instant now) {
        Instant nextReleaseAt = grants.stream().filter(grant -> counts(grant, now))
                .map(grant -> grant.grantedAt().plus(WINDOW)).min(Instant::compareTo).orElse(null);
        long nextReleaseAmount = grants.stream()
                .filter(grant -> counts(grant, now) && grant.grantedAt().plus(WINDOW).equals(nextReleaseAt))
                .mapToLong(Grant::postIds).sum();
        QuotaAssert.assertQuota(quota, limit, usedAt(now), now, nextReleaseAt, nextReleaseAmount);
    }

    /** The first instant from {@code now} on at which {@code postIds} more fit, if nothing else is granted. */
    private Instant fitsAt(Instant now, long postIds) {
        return grants.stream().map(grant -> grant.grantedAt().plus(WINDOW)).filter(release -> release.isAfter(now))
                .sorted().filter(release -> usedAt(release) + postIds <= limit).findFirst()
                .orElseThrow(() -> new AssertionError("a share within the limit always fits eventually"));
    }

    private static boolean counts(Grant grant, Instant now) {
        return !grant.grantedAt().isAfter(now) && grant.grantedAt().plus(WINDOW).isAfter(now);
    }
}

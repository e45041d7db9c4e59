package com.quotaledger.api.recipient;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The usage series, the scheduled releases and the fit of a share, over a random history of shares on the test
 * clock, each compared with the same figure worked out the obvious way from the grants the ledger answered.
 */
@FreshLedger
@TestPropertySource(properties = {"ledger.test-clock.enabled=true", "ledger.policy.rolling-limit=1000"})
class CapacityIsAnsweredFromTheHistoryAsDecisionsWouldBe {

    private static final long LIMIT = 1_000;
    private static final Duration WINDOW = Duration.ofDays(30);

    LedgerClient ledger;

    /** A grant as answered: when, and how many Post IDs. */
    record Granted(Instant at, long postIds) {
    }

    @Test
    void seriesReleasesAndFitsAgreeWithTheGrants() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ledger.registerWithAllTerms("planner");
        Instant registered = ledger.clockNow();
        List<Granted> grants = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ledger.advanceClock("PT" + (1 + random.nextInt(60)) + "H");
            long postIds = 50 + random.nextInt(400);
            Answer answer = ledger.share(share("planner-" + i, "planner", postIds));
            assertThat(answer.status()).as("seed %d: %s", seed, answer).isIn(201, 429);
            if (answer.status() == 201) {
                grants.add(new Granted(instant(answer.json(), "decidedAt"), postIds));
            }
        }
        Instant now = ledger.clockNow();
        String context = "seed " + seed;

        JsonNode series = ledger.get("/api/v1/recipients/planner/usage-series?from=" + registered.minus(
                Duration.ofDays(2)) + "&step=PT12H").json();
        JsonNode points = series.path("points");
        assertThat(points.size()).as(context).isGreaterThan(40);
        // the grid starts two days before the registration, so its fifth step is the registration itself
        Instant expectedAt = registered;
        for (JsonNode point : points) {
            Instant at = instant(point, "at");
            assertThat(at).as("%s: points start at the registration, on the grid", context).isEqualTo(expectedAt);
            assertThat(point.path("used").asLong()).as("%s: used at %s", context, at).isEqualTo(usedAt(grants, at));
            assertThat(point.path("limit").asLong()).isEqualTo(LIMIT);
            expectedAt = expectedAt.plus(Duration.ofHours(12));
        }
        assertThat(expectedAt).as(context).isAfter(now);

        JsonNode releases = ledger.get("/api/v1/recipients/planner/releases").json().path("releases");
        TreeMap<Instant, Long> expected = new TreeMap<>();
        grants.stream().filter(grant -> grant.at().plus(WINDOW).isAfter(now))
                .forEach(grant -> expected.merge(grant.at().plus(WINDOW), grant.postIds(), Long::sum));
        assertThat(releases.size()).as(context).isEqualTo(expected.size());
        long cumulative = 0;
        int i = 0;
        for (var release : expected.entrySet()) {
            cumulative += release.getValue();
            JsonNode answered = releases.get(i++);
            assertThat(instant(answered, "at")).as(context).isEqualTo(release.getKey());
            assertThat(answered.path("amount").asLong()).as(context).isEqualTo(release.getValue());
            assertThat(answered.path("cumulative").asLong()).as(context).isEqualTo(cumulative);
        }

        for (long asked : new long[]{1, LIMIT - usedAt(grants, now), LIMIT - usedAt(grants, now) + 1, 700, LIMIT,
                LIMIT + 1}) {
            JsonNode fit = ledger.get("/api/v1/recipients/planner/fit?postIdCount=" + asked).json();
            Instant fitsAt = firstFit(grants, now, asked);
            String expectedFit = fitsAt == null ? "NEVER" : fitsAt.equals(now) ? "FITS_NOW" : "FITS_LATER";
            assertThat(fit.path("fit").asText()).as("%s: fit of %d", context, asked).isEqualTo(expectedFit);
            assertThat(instant(fit, "fitsAt")).as("%s: fit of %d", context, asked).isEqualTo(fitsAt);
        }
        long waiting = LIMIT - usedAt(grants, now) + 1;
        JsonNode planned = ledger.get("/api/v1/recipients/planner/fit?postIdCount=" + waiting).json();
        JsonNode denied = assertProblem(ledger.share(share("planner-late", "planner", waiting)), 429,
                "ROLLING_LIMIT_EXCEEDED");
        assertThat(instant(denied, "retryAt")).as("%s: the planner answers what the 429 says", context)
                .isEqualTo(instant(planned, "fitsAt"));
    }

    @Test
    void badParametersAreRefused() {
        ledger.registerWithAllTerms("strict-plan");
        Instant now = ledger.clockNow();
        for (String query : List.of("usage-series?step=PT0S", "usage-series?step=-P1D", "usage-series?step=soon",
                "usage-series?from=" + now.plusSeconds(1) + "&to=" + now, "usage-series?to=" + now.plusSeconds(60),
                "usage-series?from=" + now.minus(Duration.ofDays(90)) + "&step=PT1M", "usage-series?from=yesterday",
                "releases?until=later", "fit?postIdCount=-1", "fit?postIdCount=ten", "fit?userIdCount=10000001")) {
            assertProblem(ledger.get("/api/v1/recipients/strict-plan/" + query), 400, "INVALID_FIELD");
        }
        for (String path : List.of("nobody/usage-series", "nobody/releases", "nobody/fit?postIdCount=1",
                "NOT_AN_ID/fit")) {
            assertProblem(ledger.get("/api/v1/recipients/" + path), 404, "RECIPIENT_NOT_FOUND");
        }
    }

    private static long usedAt(List<Granted> grants, Instant t) {
        return grants.stream().filter(grant -> grant.at().isAfter(t.minus(WINDOW)) && !grant.at().isAfter(t))
                .mapToLong(Granted::postIds).sum();
    }

    /** The first of now and the grants' departures at which {@code asked} more fit; null if none does. */
    private static Instant firstFit(List<Granted> grants, Instant now, long asked) {
        List<Instant> candidates = new ArrayList<>(List.of(now));
        grants.stream().map(grant -> grant.at().plus(WINDOW)).filter(at -> at.isAfter(now)).sorted()
                .forEach(candidates::add);
        for (Instant candidate : candidates) {
            if (usedAt(grants, candidate) + asked <= LIMIT) {
                return candidate;
            }
        }
        return null;
    }
}

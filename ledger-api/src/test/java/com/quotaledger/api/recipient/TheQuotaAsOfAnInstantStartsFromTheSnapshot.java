package com.quotaledger.api.recipient;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.ExpectedWindow;
import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quota as of an instant after the recipient's latest snapshot is read from the snapshot and the events after it,
 * one before it from the whole history; either way it is the quota then, as a brute-force count of the grants says,
 * at every instant asked, shares entering and leaving the window included. Snapshots are taken every five events
 * here, so a long history has one near its end.
 */
@FreshLedger
@TestPropertySource(properties = {"ledger.test-clock.enabled=true", "ledger.snapshots.event-threshold=5"})
class TheQuotaAsOfAnInstantStartsFromTheSnapshot {

    private static final long LIMIT = 1_500_000;

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    @Test
    void everyPastInstantHasTheQuotaABruteForceCountGives() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ledger.registerWithAllTerms("history");
        ExpectedWindow expected = new ExpectedWindow(LIMIT);
        List<Instant> asked = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant now = ledger.advanceClock("PT" + (1 + random.nextInt(40)) + "H");
            long postIds = 50_000 + random.nextInt(300_000);
            expected.assertDecision(ledger.share(Requests.share("h-" + i, "history", postIds)), now, postIds);
            asked.add(now);
            asked.add(now.minusNanos(1));
            asked.add(now.plusSeconds(random.nextInt(3_600)));
        }
        Instant end = ledger.advanceClock("PT1H");
        assertThat(jdbc.queryForObject("SELECT MAX(sequence_number) FROM snapshot_event_entry "
                + "WHERE aggregate_identifier = 'history'", Long.class)).as("seed %d: the latest snapshot", seed)
                .isGreaterThan(50L);

        for (Instant at : asked) {
            if (at.isAfter(end)) {
                continue;
            }
            JsonNode quota = ledger.get("/api/v1/recipients/history/quota?asOf=" + at).json();
            try {
                expected.assertQuota(quota.path("postIds"), at);
            } catch (AssertionError wrong) {
                throw new AssertionError("seed " + seed + ", as of " + at + ": " + wrong.getMessage(), wrong);
            }
        }
    }
}

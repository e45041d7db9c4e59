package com.quotaledger.api.recipient;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.ExpectedWindow;
import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quota as of a past instant is read from the nearest snapshot before it (the latest, or one of the earlier ones
 * kept at most a day apart) and the events after that; either way it is the quota then, as a brute-force count of the
 * grants says, at every instant asked, shares entering and leaving the window included. Snapshots are taken every
 * five events here, so a history of some fifty days has one near its end and a kept one for about every day.
 */
@FreshLedger
@TestPropertySource(properties = {"ledger.test-clock.enabled=true", "ledger.snapshots.event-threshold=5"})
class TheQuotaAsOfAnInstantStartsFromTheSnapshot {

    private static final long LIMIT = 1_500_000;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    LedgerClient ledger;

    @Test
    void everyPastInstantHasTheQuotaABruteForceCountGives() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ledger.registerWithAllTerms("history");
        ExpectedWindow expected = new ExpectedWindow(LIMIT);
        List<Instant> asked = new ArrayList<>();
        List<Instant> decided = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant now = ledger.advanceClock("PT" + (1 + random.nextInt(40)) + "H");
            long postIds = 50_000 + random.nextInt(300_000);
            expected.assertDecision(ledger.share(Requests.share("h-" + i, "history", postIds)), now, postIds);
            decided.add(now);
            asked.add(now);
            asked.add(now.minusNanos(1));
            asked.add(now.plusSeconds(random.nextInt(3_600)));
        }
        Instant end = ledger.advanceClock("PT1H");
        assertThat(jdbc.queryForObject("SELECT MAX(sequence_number) FROM snapshot_event_entry "
                + "WHERE aggregate_identifier = 'history'", Long.class)).as("seed %d: the latest snapshot", seed)
                .isGreaterThan(50L);
        List<Instant> kept = jdbc.queryForList("SELECT occurred_at FROM snapshot_history "
                + "WHERE aggregate_identifier = 'history' ORDER BY occurred_at", Timestamp.class).stream()
                .map(Timestamp::toInstant).toList();
        assertThat(kept).as("seed %d: earlier snapshots kept", seed).hasSizeGreaterThan(10);
        for (int i = 1; i < kept.size(); i++) {
            assertThat(Duration.between(kept.get(i - 1), kept.get(i))).as("seed %d: a day apart at least", seed)
                    .isGreaterThanOrEqualTo(Duration.ofDays(1));
        }

        for (Instant at : asked) {
            if (at.isAfter(end)) {
                continue;
            }
            double readBefore = messagesRead();
            JsonNode quota = ledger.get("/api/v1/recipients/history/quota?asOf=" + at).json();
            long read = Math.round(messagesRead() - readBefore);
            kept.stream().filter(snapshot -> !snapshot.isAfter(at)).reduce((earlier, later) -> later)
                    .ifPresent(nearest -> assertThat(read)
                            .as("seed %d: read as of %s, from the snapshot kept at %s", seed, at, nearest)
                            .isLessThanOrEqualTo(1 + decided.stream()
                                    .filter(time -> time.isAfter(nearest) && !time.isAfter(at)).count()));
            try {
                expected.assertQuota(quota.path("postIds"), at);
            } catch (AssertionError wrong) {
                throw new AssertionError("seed " + seed + ", as of " + at + ": " + wrong.getMessage(), wrong);
            }
        }
    }

    private double messagesRead() {
        return meters.get("ledger.quota.as.of.messages.read").summary().totalAmount();
    }
}

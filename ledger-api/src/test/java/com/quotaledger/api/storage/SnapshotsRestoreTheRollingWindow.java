package com.quotaledger.api.storage;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.ExpectedWindow;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.RunningLedger;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.recipient.WindowSnapshots;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static com.quotaledger.api.QuotaAssert.WINDOW;
import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A recipient with a long history is snapshotted; loaded from its snapshot with a cold cache, it holds exactly the
 * rolling window that its history implies, and goes on deciding as if it had never been unloaded.
 */
class SnapshotsRestoreTheRollingWindow {

    private static final long LIMIT = 10_000;
    private static final String[] SETTINGS = {"--ledger.test-clock.enabled=true",
            "--ledger.snapshots.event-threshold=5", "--ledger.policy.rolling-limit=" + LIMIT};

    @Test
    void aRecipientLoadedFromItsSnapshotDecidesAsItsHistoryImplies() throws IOException {
        Path dataDir = DataDirs.fresh("snapshots");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ExpectedWindow expected = new ExpectedWindow(LIMIT);
        Map<String, LedgerClient.Answer> decided = new LinkedHashMap<>();
        String quotaAtStop;
        String recipientAtStop;

        try (RunningLedger first = RunningLedger.start(dataDir, SETTINGS)) {
            LedgerClient ledger = first.client();
            ledger.registerWithAllTerms("snap");
            decideSome(ledger, expected, decided, random, 0, 30, seed);

            Map<String, Object> stored = awaitSnapshot(first.jdbc(), "snap");
            JsonNode snapshot = LedgerClient.JSON.readTree((byte[]) stored.get("PAYLOAD"));
            assertThat(snapshot.path("recipientId").asText()).as("snapshot %s", snapshot).isEqualTo("snap");
            assertThat(snapshot.path("name").asText()).as("snapshot %s", snapshot).isEqualTo("Entity snap");
            assertThat(snapshot.path("acceptedTerms").size()).as("snapshot %s", snapshot).isEqualTo(4);
            assertThat(snapshot.path("lastEventAt").isTextual()).as("snapshot %s", snapshot).isTrue();
            List<WindowSnapshots.Entry> entries = WindowSnapshots.entries(snapshot.path("window"));
            assertThat(entries).as("snapshot %s", snapshot).isNotEmpty();
            // the snapshot found may be an earlier one than the last: it holds the grants of the decisions before it
            long decisionsAfter = first.jdbc().queryForObject(
                    "SELECT MAX(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?", Long.class,
                    "snap") - ((Number) stored.get("SEQUENCE_NUMBER")).longValue();
            long grantsBefore = decided.values().stream().limit(decided.size() - decisionsAfter)
                    .filter(answer -> answer.status() == 201).count();
            Map<Instant, Long> grantedAt = expected.grants().stream().limit(grantsBefore)
                    .collect(Collectors.groupingBy(ExpectedWindow.Grant::grantedAt,
                            Collectors.summingLong(ExpectedWindow.Grant::postIds)));
            for (WindowSnapshots.Entry entry : entries) {
                assertThat(entry.postIds()).as("seed %d: snapshot entry %s is the grants of its instant", seed, entry)
                        .isEqualTo(grantedAt.get(entry.grantedAt()));
            }
            // and every grant still in the window when the snapshot was taken is in it: not an empty window, nor
            // one of shares that had all left
            Instant snapshotAt = Instant.parse(snapshot.path("lastEventAt").asText());
            Map<Instant, Long> inWindowThen = new TreeMap<>();
            grantedAt.forEach((at, postIds) -> {
                if (at.isAfter(snapshotAt.minus(WINDOW))) {
                    inWindowThen.put(at, postIds);
                }
            });
            Map<Instant, Long> snapshotInWindow = new TreeMap<>();
            entries.stream().filter(entry -> entry.grantedAt().isAfter(snapshotAt.minus(WINDOW)))
                    .forEach(entry -> snapshotInWindow.put(entry.grantedAt(), entry.postIds()));
            assertThat(inWindowThen).as("seed %d: grants in the window at %s", seed, snapshotAt).isNotEmpty();
            assertThat(snapshotInWindow).as("seed %d: the snapshot's window at %s", seed, snapshotAt)
                    .isEqualTo(inWindowThen);

            quotaAtStop = ledger.quota("snap").body();
            recipientAtStop = ledger.get("/api/v1/recipients/snap").body();
        }

        try (RunningLedger second = RunningLedger.start(dataDir, SETTINGS)) {
            LedgerClient ledger = second.client();
            assertThat(ledger.quota("snap").body()).as("seed %d", seed).isEqualTo(quotaAtStop);
            assertThat(ledger.get("/api/v1/recipients/snap").body()).isEqualTo(recipientAtStop);
            expected.assertQuota(ledger.quota("snap").json().path("postIds"), ledger.clockNow());

            decided.forEach((request, original) -> {
                LedgerClient.Answer again = ledger.share(request);
                assertThat(again.status()).as("repeat of %s", request).isEqualTo(original.status());
                assertThat(again.body()).as("repeat of %s", request).isEqualTo(original.body());
            });
            decideSome(ledger, expected, decided, random, 30, 45, seed);

            Instant later = ledger.advanceClock("P31D");
            expected.assertQuota(ledger.quota("snap").json().path("postIds"), later);
        }
    }

    /** Shares of random sizes, some past the limit, with the clock moved on now and then so shares leave. */
    private static void decideSome(LedgerClient ledger, ExpectedWindow expected,
                                   Map<String, LedgerClient.Answer> decided, Random random, int from, int to,
                                   long seed) {
        Instant now = ledger.clockNow();
        for (int i = from; i < to; i++) {
            if (i % 3 == 0) {
                now = ledger.advanceClock(Duration.ofDays(1 + random.nextInt(4))
                        .plusHours(random.nextInt(24)).toString());
            }
            long postIds = random.nextInt(25) == 0 ? LIMIT + 1 : 200 + random.nextInt(2_500);
            String request = share("snap-" + i, "snap", postIds);
            LedgerClient.Answer answer = ledger.share(request);
            decided.put(request, answer);
            try {
                expected.assertDecision(answer, now, postIds);
            } catch (AssertionError e) {
                throw new AssertionError("seed " + seed + ", decision " + i + ": " + e.getMessage(), e);
            }
        }
    }

    /** The latest snapshot stored of the recipient: its sequence number and payload. */
    private static Map<String, Object> awaitSnapshot(JdbcTemplate jdbc, String recipientId) throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
                "SELECT COUNT(*) FROM snapshot_event_entry WHERE aggregate_identifier = ?", Long.class,
                recipientId) > 0);
        Map<String, Object> row = jdbc.queryForMap("""
                SELECT sequence_number, payload FROM snapshot_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number DESC LIMIT 1""", recipientId);
        assertThat(((Number) row.get("SEQUENCE_NUMBER")).longValue()).isGreaterThanOrEqualTo(5);
        assertThat(LedgerClient.JSON.readTree((byte[]) row.get("PAYLOAD")).toString()).isNotEqualTo("{}");
        return row;
    }
}

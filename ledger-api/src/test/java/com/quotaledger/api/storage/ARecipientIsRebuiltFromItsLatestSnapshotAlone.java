package com.quotaledger.api.storage;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.ExpectedWindow;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.RunningLedger;
import com.quotaledger.api.TestStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.recipient.WindowSnapshots;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loading a recipient does not grow with its history: it is rebuilt from its latest snapshot and the few events after
 * it, and the snapshot holds only the shares still inside the rolling window.
 * <p>
 * The probe is blunt: with the ledger stopped, every event up to the latest snapshot is deleted. A ledger that read
 * the history would no longer know the recipient; this one decides exactly as before.
 */
class ARecipientIsRebuiltFromItsLatestSnapshotAlone {

    private static final long LIMIT = 50_000;
    private static final int THRESHOLD = 25;
    private static final int DECISIONS = 300;
    private static final Duration WINDOW = Duration.ofDays(30);
    private static final String[] SETTINGS = {"--ledger.test-clock.enabled=true",
            "--ledger.snapshots.event-threshold=" + THRESHOLD, "--ledger.policy.rolling-limit=" + LIMIT};

    @Test
    void aRecipientWhoseHistoryBeforeItsSnapshotIsGoneDecidesAsBefore() throws Exception {
        Path dataDir = DataDirs.fresh("rebuilt");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ExpectedWindow expected = new ExpectedWindow(LIMIT);
        String quotaAtStop;

        try (RunningLedger ledger = RunningLedger.start(dataDir, SETTINGS)) {
            LedgerClient client = ledger.client();
            client.registerWithAllTerms("long");
            Instant now = client.clockNow();
            for (int i = 0; i < DECISIONS; i++) {
                if (i % 10 == 0) {
                    now = client.advanceClock(Duration.ofDays(2).plusMinutes(random.nextInt(600)).toString());
                }
                long postIds = 100 + random.nextInt(2_000);
                expected.assertDecision(client.share(share("long-" + i, "long", postIds)), now, postIds);
            }
            quotaAtStop = client.quota("long").body();
        }

        TestStore store = TestStore.current();
        try (Connection connection = DriverManager.getConnection(store.url(dataDir), store.username(), "")) {
            JsonNode snapshot = latestSnapshot(connection, "long");
            long snapshotSequence = snapshot.path("sequence").asLong();
            long lastSequence = lastSequence(connection, "long");
            assertThat(lastSequence - snapshotSequence).as("events after the latest snapshot")
                    .isLessThanOrEqualTo(THRESHOLD);
            assertOnlySharesInsideTheWindow(snapshot.path("payload"), seed);
            int deleted = deleteEventsUpTo(connection, "long", snapshotSequence);
            assertThat(deleted).as("seed %d: the history before the snapshot", seed)
                    .isGreaterThan(DECISIONS - THRESHOLD);
        }

        try (RunningLedger ledger = RunningLedger.start(dataDir, SETTINGS)) {
            LedgerClient client = ledger.client();
            assertThat(client.quota("long").body()).as("seed %d", seed).isEqualTo(quotaAtStop);
            Instant now = client.clockNow();
            for (int i = DECISIONS; i < DECISIONS + 30; i++) {
                if (i % 10 == 0) {
                    now = client.advanceClock("P3D");
                }
                long postIds = 100 + random.nextInt(4_000);
                expected.assertDecision(client.share(share("long-" + i, "long", postIds)), now, postIds);
            }
            expected.assertQuota(client.quota("long").json().path("postIds"), now);
        }
    }

    /** Every share the snapshot remembers is inside the window that ends at the snapshot's last event. */
    private static void assertOnlySharesInsideTheWindow(JsonNode snapshot, long seed) {
        Instant lastEventAt = Instant.parse(snapshot.path("lastEventAt").asText());
        List<WindowSnapshots.Entry> entries = WindowSnapshots.entries(snapshot.path("window"));
        assertThat(entries.size()).as("seed %d: shares in the snapshot", seed).isPositive()
                .isLessThan(DECISIONS / 2);
        for (WindowSnapshots.Entry entry : entries) {
            assertThat(entry.grantedAt()).as("seed %d: %s", seed, entry).isAfter(lastEventAt.minus(WINDOW));
        }
    }

    private static JsonNode latestSnapshot(Connection connection, String aggregateId)
            throws SQLException, IOException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT sequence_number, payload FROM snapshot_event_entry WHERE aggregate_identifier = ?
                ORDER BY sequence_number DESC LIMIT 1""")) {
            query.setString(1, aggregateId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).as("a snapshot of %s", aggregateId).isTrue();
                return LedgerClient.JSON.createObjectNode()
                        .put("sequence", row.getLong(1))
                        .set("payload", LedgerClient.JSON.readTree(row.getBytes(2)));
            }
        }
    }

    private static long lastSequence(Connection connection, String aggregateId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT MAX(sequence_number) FROM domain_event_entry WHERE aggregate_identifier = ?")) {
            query.setString(1, aggregateId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static int deleteEventsUpTo(Connection connection, String aggregateId, long sequence)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number <= ?")) {
            delete.setString(1, aggregateId);
            delete.setLong(2, sequence);
            return delete.executeUpdate();
        }
    }
}

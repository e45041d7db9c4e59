package com.quotaledger.api.audit;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerProcess;
import com.quotaledger.api.TestStore;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200,000 decisions leave as CSV from a ledger whose heap is smaller than the CSV: the rows are streamed from the
 * database to the client, never held together.
 */
class DecisionsExportAsCsvInConstantMemory {

    static final int ROWS = 200_000;
    static final String HEAP = "-Xmx128m";
    static final long HEAP_BYTES = 128L * 1024 * 1024;
    static final String PURPOSE = "p".repeat(700);

    @Test
    void everyRowArrivesFromALedgerWithAHeapSmallerThanTheCsv() throws Exception {
        Path dataDir = DataDirs.fresh("csv");
        TestStore store = TestStore.current();
        String url = store.url(dataDir);
        Flyway.configure().dataSource(url, store.username(), "")
                .locations("classpath:db/migration/common", store.migrations()).load().migrate();
        insertDecisions(url, store.username());

        int port = freePort();
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        Process ledger = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError",
                "-cp", System.getProperty("java.class.path"), "com.quotaledger.LedgerApplication",
                "--server.port=" + port, "--ledger.data-dir=" + dataDir))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            awaitHealthy(http, port, ledger, log);

            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/api/v1/audit/decisions"))
                    .header("Accept", "text/csv").header("Authorization", "Bearer " + LedgerClient.ADMIN_TOKEN)
                    .timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(response.statusCode()).isEqualTo(200);
            long lines = 0;
            long chars = 0;
            String last = null;
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                    StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (lines == 0) {
                        assertThat(line).startsWith("\"decidedAt\",\"decisionType\",\"decision\",");
                    }
                    lines++;
                    chars += line.length() + 2;
                    last = line;
                }
            }

            assertThat(lines).as("header and rows").isEqualTo(1 + ROWS);
            assertThat(last).contains(",\"bulk-" + (ROWS - 1) + "\",");
            assertThat(chars).as("the CSV is larger than the ledger's heap").isGreaterThan(HEAP_BYTES);
            assertThat(ledger.isAlive()).as("the ledger survived the export:\n%s", tail(log)).isTrue();
        } finally {
            ledger.destroyForcibly();
            ledger.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void insertDecisions(String url, String username) throws Exception {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        try (Connection connection = DriverManager.getConnection(url, username, "")) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO decision_log (event_identifier, event_position, aggregate_identifier, sequence_number,
                        decision_type, decision, decision_id, request_id, recipient_id, decided_at, post_ids, user_ids,
                        direct_message_ids, post_objects, user_objects, basis, quota_limit, quota_used,
                        quota_remaining, limit_source, purpose, actor)
                    VALUES (?, ?, ?, ?, 'SHARE', 'GRANTED', ?, ?, ?, ?, 10, 0, 0, 0, 0, 'STANDARD', 1500000, 10,
                        1499990, 'DEFAULT', ?, 'admin')""")) {
                for (int i = 0; i < ROWS; i++) {
                    String recipient = "bulk-recipient-" + (i % 100);
                    insert.setString(1, "event-" + i);
                    insert.setLong(2, i);
                    insert.setString(3, recipient);
                    insert.setLong(4, i / 100);
                    insert.setString(5, "share-" + i);
                    insert.setString(6, "bulk-" + i);
                    insert.setString(7, recipient);
                    insert.setTimestamp(8, Timestamp.from(start.plusMillis(i)));
                    insert.setString(9, PURPOSE);
                    insert.addBatch();
                    if (i % 5_000 == 4_999) {
                        insert.executeBatch();
                        connection.commit();
                    }
                }
                insert.executeBatch();
                connection.commit();
            }
        }
    }

    private static void awaitHealthy(HttpClient http, int port, Process ledger, Path log) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + LedgerProcess.START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(ledger.isAlive()).as("the ledger exited while starting:\n%s", tail(log)).isTrue();
            try {
                if (http.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the ledger was not healthy in time:\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}

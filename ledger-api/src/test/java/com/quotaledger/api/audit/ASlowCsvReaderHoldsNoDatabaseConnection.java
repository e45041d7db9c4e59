package com.quotaledger.api.audit;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients that start a large CSV download and then stop reading, more of them than the database pool has
 * connections, keep nobody else from the database: the log is read a page at a time, and no connection is held while
 * the ledger waits to write to a client. The pool here has three connections, and waiting for one fails after two
 * seconds, so a download that held its connection would make the requests below fail.
 */
@FreshLedger
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=3",
        "spring.datasource.hikari.connection-timeout=2000"})
class ASlowCsvReaderHoldsNoDatabaseConnection {

    /** Far more CSV than the sockets' buffers hold, so that each download blocks in the middle. */
    private static final int ROWS = 60_000;
    private static final int STALLED_READERS = 5;
    private static final String PURPOSE = "a purpose long enough to make every row a few hundred bytes";

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    @Test
    void requestsAreAnsweredWhileReadersStallInTheMiddleOfADownload() throws Exception {
        insertDecisions();
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < STALLED_READERS; i++) {
                stalled.add(startDownloadAndStopReading());
            }
            Thread.sleep(1_000);

            ledger.registerWithAllTerms("while-stalled");
            assertThat(ledger.share(share("while-stalled-1", "while-stalled", 10)).status()).isEqualTo(201);
            assertThat(ledger.quota("while-stalled").json().at("/postIds/used").asLong()).isEqualTo(10);
            assertThat(ledger.get("/api/v1/audit/decisions?size=1").status()).isEqualTo(200);
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    private Socket startDownloadAndStopReading() throws Exception {
        Socket socket = new Socket("127.0.0.1", ledger.port());
        socket.setReceiveBufferSize(4096);
        socket.getOutputStream().write(("GET /api/v1/audit/decisions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Accept: text/csv\r\nAuthorization: Bearer " + LedgerClient.ADMIN_TOKEN + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream answer = socket.getInputStream();
        byte[] first = answer.readNBytes(4096);
        assertThat(new String(first, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 200").contains("\"decidedAt\"");
        return socket;
    }

    private void insertDecisions() {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        List<Object[]> rows = new ArrayList<>(ROWS);
        for (int i = 0; i < ROWS; i++) {
            rows.add(new Object[]{"event-" + i, -1L - i, "bulk", (long) i, "share-" + i, "bulk-" + i,
                    Timestamp.from(start.plusMillis(i)), PURPOSE});
        }
        jdbc.batchUpdate("""
                INSERT INTO decision_log (event_identifier, event_position, aggregate_identifier, sequence_number,
                    decision_type, decision, decision_id, request_id, recipient_id, decided_at, post_ids, user_ids,
                    direct_message_ids, post_objects, user_objects, basis, quota_limit, quota_used, quota_remaining,
                    limit_source, purpose, actor)
                VALUES (?, ?, ?, ?, 'SHARE', 'GRANTED', ?, ?, 'bulk', ?, 10, 0, 0, 0, 0, 'STANDARD', 1500000, 10,
                    1499990, 'DEFAULT', ?, 'token:admin')""", rows);
    }
}

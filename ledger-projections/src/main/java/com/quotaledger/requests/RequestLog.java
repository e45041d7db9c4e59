package com.quotaledger.requests;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/**
 * Every requestId the ledger has decided, with the fingerprint of its content and where its decision event is.
 * The primary key on requestId is what makes requestIds unique across recipients and nodes: the storage enforces it,
 * in the same transaction as the decision event.
 */
@Repository
public class RequestLog {

    /** Subscribing, so that the log row and the decision event commit or fail together. */
    public static final String PROCESSING_GROUP = "request-log";

    private final JdbcTemplate jdbc;

    public RequestLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Where the decision for a requestId is recorded. */
    public record LoggedRequest(String requestId, String contentFingerprint, String aggregateId, long sequenceNumber,
                                Instant decidedAt) {
    }

    public Optional<LoggedRequest> find(String requestId) {
        return jdbc.query("""
                        SELECT request_id, content_fingerprint, aggregate_identifier, sequence_number, decided_at
                        FROM request_log WHERE request_id = ?""",
                (row, index) -> new LoggedRequest(row.getString(1), row.getString(2), row.getString(3),
                        row.getLong(4), row.getTimestamp(5).toInstant()),
                requestId).stream().findFirst();
    }

    void record(LoggedRequest request) {
        jdbc.update("""
                        INSERT INTO request_log
                            (request_id, content_fingerprint, aggregate_identifier, sequence_number, decided_at)
                        VALUES (?, ?, ?, ?, ?)""",
                request.requestId(), request.contentFingerprint(), request.aggregateId(), request.sequenceNumber(),
                Timestamp.from(request.decidedAt()));
    }

    /** Forgets requestIds decided before {@code horizon}; returns how many. */
    public int forgetDecidedBefore(Instant horizon) {
        return jdbc.update("DELETE FROM request_log WHERE decided_at < ?", Timestamp.from(horizon));
    }
}

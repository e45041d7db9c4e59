package com.quotaledger.requests;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.time.Instant;

/**
 * Every requestId the ledger has decided, with the fingerprint of its content and where its decision event is.
 * The primary key on requestId is what makes requestIds unique across recipients and nodes: the storage enforces it,
 * written in the same transaction as the decision event.
 */
@Repository
public class RequestLog {

    /** The most requestIds looked up in one statement. */
    static final int MAX_IDS_PER_QUERY = 256;

    private static final String COLUMNS =
            "request_id, content_fingerprint, aggregate_identifier, sequence_number, decided_at";

    private static final RowMapper<LoggedRequest> LOGGED = (row, index) -> new LoggedRequest(row.getString(1),
            row.getString(2), row.getString(3), row.getLong(4), row.getTimestamp(5).toInstant());

    private final JdbcTemplate jdbc;

    public RequestLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Where the decision for a requestId is recorded. */
    public record LoggedRequest(String requestId, String contentFingerprint, String aggregateId, long sequenceNumber,
                                Instant decidedAt) {
    }

    public Optional<LoggedRequest> find(String requestId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM request_log WHERE request_id = ?", LOGGED, requestId)
                .stream().findFirst();
    }

    /** The decided ones of {@code requestIds}, by requestId, in a statement per {@value #MAX_IDS_PER_QUERY}. */
    public Map<String, LoggedRequest> findAll(Collection<String> requestIds) {
        Map<String, LoggedRequest> found = new HashMap<>();
        List<String> ids = requestIds.stream().distinct().toList();
        for (int from = 0; from < ids.size(); from += MAX_IDS_PER_QUERY) {
            List<String> some = ids.subList(from, Math.min(ids.size(), from + MAX_IDS_PER_QUERY));
            String placeholders = String.join(", ", Collections.nCopies(some.size(), "?"));
            jdbc.query("SELECT " + COLUMNS + " FROM request_log WHERE request_id IN (" + placeholders + ")", LOGGED,
                    some.toArray()).forEach(logged -> found.put(logged.requestId(), logged));
        }
        return found;
    }

    /** Records decided requests in one batch; a requestId recorded already fails it, and with it the transaction. */
    public void recordAll(List<LoggedRequest> requests) {
        if (requests.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO request_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", requests, requests.size(),
                (statement, request) -> {
                    statement.setString(1, request.requestId());
                    statement.setString(2, request.contentFingerprint());
                    statement.setString(3, request.aggregateId());
                    statement.setLong(4, request.sequenceNumber());
                    statement.setTimestamp(5, Timestamp.from(request.decidedAt()));
                });
    }

    /** Forgets requestIds decided before {@code horizon}; returns how many. */
    public int forgetDecidedBefore(Instant horizon) {
        return jdbc.update("DELETE FROM request_log WHERE decided_at < ?", Timestamp.from(horizon));
    }
}

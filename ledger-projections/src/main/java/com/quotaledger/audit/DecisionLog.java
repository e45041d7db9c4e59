package com.quotaledger.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The decision log read model: every decision, and the auditor's queries over it. */
@Repository
public class DecisionLog {

    private static final String COLUMNS = """
            event_position, event_identifier, aggregate_identifier, sequence_number, decision_type, decision, decision_id, request_id, recipient_id,
            person_id, decided_at, post_ids, user_ids, direct_message_ids, post_objects, user_objects, basis,
            basis_id, reason, quota_limit, quota_used, quota_remaining, limit_source, objects_limit, objects_used,
            channel, export_format, purpose, actor, reservation_id""";

    /** The SQL types of {@link #COLUMNS}, so that null values need no lookup of their column's type. */
    private static final int[] TYPES = {Types.BIGINT, Types.VARCHAR, Types.VARCHAR, Types.BIGINT, Types.VARCHAR,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.TIMESTAMP,
            Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.VARCHAR,
            Types.VARCHAR, Types.BIGINT, Types.BIGINT, Types.BIGINT, Types.VARCHAR, Types.BIGINT, Types.BIGINT,
            Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.VARCHAR};

    /** Rows read from the database at a time when streaming, so memory stays flat however many match. */
    private static final int STREAM_PAGE_SIZE = 500;

    /** Bounds a lookup's parameters, well within what every store accepts. */
    private static final int MAX_IDS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;

    public DecisionLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Which decisions a query asks for; null fields do not filter. {@code to} is exclusive. */
    public record Filter(String recipientId, String personId, String decision, String reason, Instant from,
                         Instant to) {
    }

    /** The log's order: by decision time, then by position in the store; oldest or newest first. */
    public enum Order {
        OLDEST_FIRST, NEWEST_FIRST
    }

    /**
     * Where a page of the log ends, in the log's order: the next page starts after it, found through the index
     * however deep into the log it is.
     */
    public record Cursor(Instant decidedAt, long eventPosition) {

        public static Cursor after(DecisionRow row) {
            return new Cursor(row.decidedAt(), row.eventPosition());
        }
    }

    /**
     * Appends rows in one batch, each at its event's position in the store. A row's own position comes from its
     * event's tracking token, which tells the highest position read so far: an event committed late, after events
     * numbered above it (two nodes committing at once), would get the position of one of those.
     */
    void appendAll(List<DecisionRow> rows) {
        Map<String, Long> stored = positionsInStore(rows.stream().map(DecisionRow::eventIdentifier).toList());
        jdbc.batchUpdate("INSERT INTO decision_log (" + COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows.stream().map(row -> new Object[]{stored.getOrDefault(row.eventIdentifier(), row.eventPosition()),
                        row.eventIdentifier(), row.aggregateId(),
                        row.sequenceNumber(), row.decisionType(), row.decision(), row.decisionId(), row.requestId(),
                        row.recipientId(), row.personId(), Timestamp.from(row.decidedAt()), row.postIds(),
                        row.userIds(), row.directMessageIds(), row.postObjects(), row.userObjects(), row.basis(),
                        row.basisId(), row.reason(), row.quotaLimit(), row.quotaUsed(), row.quotaRemaining(),
                        row.limitSource(), row.objectsLimit(), row.objectsUsed(), row.channel(), row.exportFormat(),
                        row.purpose(), row.actor(), row.reservationId()}).toList(),
                TYPES);
    }

    private Map<String, Long> positionsInStore(List<String> eventIdentifiers) {
        Map<String, Long> positions = new HashMap<>();
        for (int from = 0; from < eventIdentifiers.size(); from += MAX_IDS_PER_QUERY) {
            List<String> some = eventIdentifiers.subList(from, Math.min(eventIdentifiers.size(),
                    from + MAX_IDS_PER_QUERY));
            jdbc.query("SELECT event_identifier, global_index FROM domain_event_entry WHERE event_identifier IN ("
                            + String.join(", ", Collections.nCopies(some.size(), "?")) + ")",
                    (RowCallbackHandler) row -> positions.put(row.getString(1), row.getLong(2)), some.toArray());
        }
        return positions;
    }

    void clear() {
        jdbc.update("DELETE FROM decision_log");
    }

    public long count(Filter filter) {
        Where where = where(filter);
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM decision_log" + where.sql(), Long.class,
                where.arguments().toArray());
        return count == null ? 0 : count;
    }

    /** Up to {@code size} matching decisions after {@code after} (from the oldest if null), oldest first. */
    public List<DecisionRow> page(Filter filter, Cursor after, int size) {
        return page(filter, Order.OLDEST_FIRST, after, size);
    }

    /** Up to {@code size} matching decisions in {@code order}, after {@code after} (from the first if null). */
    public List<DecisionRow> page(Filter filter, Order order, Cursor after, int size) {
        Where where = where(filter, after, order);
        List<Object> arguments = new ArrayList<>(where.arguments());
        arguments.add(size);
        return jdbc.query("SELECT " + COLUMNS + " FROM decision_log" + where.sql()
                + (order == Order.OLDEST_FIRST ? " ORDER BY decided_at, event_position"
                : " ORDER BY decided_at DESC, event_position DESC") + " LIMIT ?", ROW, arguments.toArray());
    }

    /**
     * Every matching decision, oldest first, handed to {@code sink} one at a time, read a page at a time. No
     * connection is held between pages, so a sink that blocks (a client reading slowly) keeps none from other
     * requests; rows the log gains meanwhile are included if they sort after the page being read.
     */
    public void forEach(Filter filter, Consumer<DecisionRow> sink) {
        Cursor after = null;
        List<DecisionRow> page;
        do {
            page = page(filter, after, STREAM_PAGE_SIZE);
            page.forEach(sink);
            after = page.isEmpty() ? after : Cursor.after(page.get(page.size() - 1));
        } while (page.size() == STREAM_PAGE_SIZE);
    }

    private record Where(String sql, List<Object> arguments) {
    }

    private static Where where(Filter filter) {
        return where(filter, null, Order.OLDEST_FIRST);
    }

    private static Where where(Filter filter, Cursor after, Order order) {
        List<String> conditions = new ArrayList<>();
        List<Object> arguments = new ArrayList<>();
        if (after != null) {
            conditions.add(order == Order.OLDEST_FIRST
                    ? "(decided_at > ? OR (decided_at = ? AND event_position > ?))"
                    : "(decided_at < ? OR (decided_at = ? AND event_position < ?))");
            Timestamp at = Timestamp.from(after.decidedAt());
            arguments.addAll(List.of(at, at, after.eventPosition()));
        }
        if (filter.recipientId() != null) {
            conditions.add("recipient_id = ?");
            arguments.add(filter.recipientId());
        }
        if (filter.personId() != null) {
            conditions.add("person_id = ?");
            arguments.add(filter.personId());
        }
        if (filter.decision() != null) {
            conditions.add("decision = ?");
            arguments.add(filter.decision());
        }
        if (filter.reason() != null) {
            conditions.add("reason = ?");
            arguments.add(filter.reason());
        }
        if (filter.from() != null) {
            conditions.add("decided_at >= ?");
            arguments.add(bound(filter.from()));
        }
        if (filter.to() != null) {
            conditions.add("decided_at < ?");
            arguments.add(bound(filter.to()));
        }
        return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), arguments);
    }

    private static final RowMapper<DecisionRow> ROW = (row, index) -> new DecisionRow(
            row.getLong("event_position"), row.getString("event_identifier"), row.getString("aggregate_identifier"),
            row.getLong("sequence_number"), row.getString("decision_type"),
            row.getString("decision"), row.getString("decision_id"), row.getString("request_id"),
            row.getString("recipient_id"), row.getString("person_id"), instant(row, "decided_at"),
            row.getLong("post_ids"), row.getLong("user_ids"), row.getLong("direct_message_ids"),
            row.getLong("post_objects"), row.getLong("user_objects"), row.getString("basis"),
            row.getString("basis_id"), row.getString("reason"), nullableLong(row, "quota_limit"),
            nullableLong(row, "quota_used"), nullableLong(row, "quota_remaining"), row.getString("limit_source"),
            nullableLong(row, "objects_limit"), nullableLong(row, "objects_used"), row.getString("channel"),
            row.getString("export_format"), row.getString("purpose"), row.getString("actor"),
            row.getString("reservation_id"));

    /**
     * Both databases keep decision times to the microsecond, and PostgreSQL would round a finer bound to the nearest
     * one; a bound between two microseconds is the next one, so that a period means the same on either.
     */
    private static Timestamp bound(Instant instant) {
        Instant microseconds = instant.truncatedTo(ChronoUnit.MICROS);
        return Timestamp.from(microseconds.equals(instant) ? instant : microseconds.plus(1, ChronoUnit.MICROS));
    }

    static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}

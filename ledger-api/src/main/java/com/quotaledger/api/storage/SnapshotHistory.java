package com.quotaledger.api.storage;

import com.quotaledger.decision.LedgerEvent;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Earlier snapshots of each aggregate, kept beside Axon's table, which holds only the latest: at most one a day of
 * the ledger's time, by the time of the last event a snapshot covers. A state as of a past instant is then rebuilt from
 * the nearest snapshot before it and at most a day of events, however long the history before.
 */
public class SnapshotHistory {

    /** At most one snapshot kept per aggregate per interval: a day of events to replay at most, a row a day to keep. */
    static final Duration INTERVAL = Duration.ofDays(1);

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventStorageEngine storage;

    SnapshotHistory(JdbcTemplate jdbc, Serializer serializer, EventStorageEngine storage) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.storage = storage;
    }

    /** Keeps {@code snapshot} unless one kept for the same aggregate covers events of less than a day before. */
    void keep(DomainEventMessage<?> snapshot) {
        DomainEventStream itsLastEvent = storage.readEvents(snapshot.getAggregateIdentifier(),
                snapshot.getSequenceNumber());
        if (!itsLastEvent.hasNext() || !(itsLastEvent.next().getPayload() instanceof LedgerEvent last)) {
            return;
        }
        Timestamp latest = jdbc.queryForObject("SELECT MAX(occurred_at) FROM snapshot_history "
                + "WHERE aggregate_identifier = ?", Timestamp.class, snapshot.getAggregateIdentifier());
        if (latest != null && latest.toInstant().plus(INTERVAL).isAfter(last.occurredAt())) {
            return;
        }
        SerializedObject<byte[]> payload = serializer.serialize(snapshot.getPayload(), byte[].class);
        try {
            jdbc.update("""
                            INSERT INTO snapshot_history (aggregate_identifier, sequence_number, occurred_at,
                                payload_type, payload_revision, payload)
                            VALUES (?, ?, ?, ?, ?, ?)""", snapshot.getAggregateIdentifier(),
                    snapshot.getSequenceNumber(), Timestamp.from(last.occurredAt()), payload.getType().getName(),
                    payload.getType().getRevision(), payload.getData());
        } catch (DuplicateKeyException anotherNodeKeptIt) {
            // the same state, kept once
        }
    }

    /**
     * The latest kept snapshots of {@code aggregateId} whose last event occurred by {@code asOf}, newest first, as
     * messages of aggregate type {@code type}: at most two, since the databases keep instants rounded to the
     * microsecond, and the first may be of an event a fraction of a microsecond after {@code asOf}.
     */
    public List<DomainEventMessage<?>> nearest(String type, String aggregateId, Instant asOf) {
        List<DomainEventMessage<?>> kept = jdbc.query("""
                        SELECT sequence_number, payload_type, payload_revision, payload FROM snapshot_history
                        WHERE aggregate_identifier = ? AND occurred_at <= ?
                        ORDER BY occurred_at DESC, sequence_number DESC LIMIT 2""",
                (row, index) -> new GenericDomainEventMessage<>(type, aggregateId,
                        row.getLong(1), serializer.deserialize(new SimpleSerializedObject<>(row.getBytes(4),
                        byte[].class, row.getString(2), row.getString(3)))),
                aggregateId, Timestamp.from(asOf.truncatedTo(ChronoUnit.MICROS)));
        return kept;
    }
}

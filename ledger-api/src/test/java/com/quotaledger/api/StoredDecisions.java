package com.quotaledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The share decisions as the event store holds them, read straight from its table. */
public final class StoredDecisions {

    /** One decision event: where it is stored, whether it granted, and for which request. */
    public record StoredDecision(String recipientId, long sequenceNumber, boolean granted, String requestId,
                          JsonNode payload) {
    }

    private StoredDecisions() {
    }

    public static List<StoredDecision> all(JdbcTemplate jdbc) {
        return jdbc.query("""
                        SELECT aggregate_identifier, sequence_number, payload_type, payload FROM domain_event_entry
                        WHERE payload_type LIKE '%ShareGrantedEvent' OR payload_type LIKE '%ShareDeniedEvent'
                        ORDER BY global_index""",
                (row, index) -> {
                    JsonNode payload = read(row.getBytes(4));
                    return new StoredDecision(row.getString(1), row.getLong(2),
                            row.getString(3).endsWith("ShareGrantedEvent"),
                            payload.path("request").path("requestId").asText(), payload);
                });
    }

    public static List<StoredDecision> of(JdbcTemplate jdbc, String recipientId) {
        return all(jdbc).stream().filter(decision -> decision.recipientId().equals(recipientId)).toList();
    }

    public static List<StoredDecision> forRequest(JdbcTemplate jdbc, String requestId) {
        return all(jdbc).stream().filter(decision -> decision.requestId().equals(requestId)).toList();
    }

    private static JsonNode read(byte[] payload) {
        try {
            return LedgerClient.JSON.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package com.quotaledger.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Persons and exports of full objects as a client sends them, and the export decisions as the store holds them. */
public final class PersonRequests {

    private PersonRequests() {
    }

    /** One export decision event, read straight from the event store. */
    public record StoredExport(String personAggregateId, boolean granted, String requestId, String recipientId,
                        long objects) {
    }

    public static String affiliation(String personId) {
        ObjectNode body = LedgerClient.JSON.createObjectNode();
        body.put("personId", personId);
        return body.toString();
    }

    public static Answer affiliate(LedgerClient ledger, String recipientId, String personId) {
        return ledger.post("/api/v1/recipients/" + recipientId + "/persons", affiliation(personId));
    }

    public static void affiliated(LedgerClient ledger, String recipientId, String personId) {
        Answer answer = affiliate(ledger, recipientId, personId);
        assertThat(answer.status()).as("affiliating %s with %s: %s", personId, recipientId, answer).isEqualTo(201);
    }

    public static Answer endAffiliation(LedgerClient ledger, String recipientId, String personId) {
        return ledger.send("DELETE", "/api/v1/recipients/" + recipientId + "/persons/" + personId);
    }

    public static Answer person(LedgerClient ledger, String personId) {
        return ledger.get("/api/v1/persons/" + personId);
    }

    public static String export(String requestId, String personId, long postObjects, long userObjects) {
        return export(requestId, personId, postObjects, userObjects, "MANUAL_DOWNLOAD", "CSV");
    }

    public static String export(String requestId, String personId, long postObjects, long userObjects, String channel,
                         String format) {
        ObjectNode body = LedgerClient.JSON.createObjectNode();
        body.put("requestId", requestId);
        body.put("personId", personId);
        body.put("postObjectCount", postObjects);
        body.put("userObjectCount", userObjects);
        body.put("channel", channel);
        body.put("format", format);
        body.put("publicObjectsOnly", true);
        return body.toString();
    }

    public static Answer exportObjects(LedgerClient ledger, String body) {
        return ledger.post("/api/v1/object-exports", body);
    }

    /** A share that names the person it goes to. */
    public static String shareTo(String requestId, String recipientId, String personId, long postIds) {
        ObjectNode body = (ObjectNode) read(Requests.share(requestId, recipientId, postIds));
        body.put("personId", personId);
        return body.toString();
    }

    public static List<StoredExport> storedExports(JdbcTemplate jdbc) {
        return jdbc.query("""
                        SELECT aggregate_identifier, payload_type, payload FROM domain_event_entry
                        WHERE payload_type LIKE '%ObjectExportGrantedEvent' OR payload_type LIKE '%ObjectExportDeniedEvent'
                        ORDER BY global_index""",
                (row, index) -> {
                    JsonNode payload = read(new String(row.getBytes(3), java.nio.charset.StandardCharsets.UTF_8));
                    JsonNode request = payload.path("request");
                    return new StoredExport(row.getString(1), row.getString(2).endsWith("ObjectExportGrantedEvent"),
                            request.path("requestId").asText(), payload.path("recipientId").asText(null),
                            request.path("postObjectCount").asLong() + request.path("userObjectCount").asLong());
                });
    }

    public static List<StoredExport> storedExportsFor(JdbcTemplate jdbc, String requestId) {
        return storedExports(jdbc).stream().filter(export -> export.requestId().equals(requestId)).toList();
    }

    public static long eventsOf(JdbcTemplate jdbc, String aggregateId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, aggregateId);
    }

    private static JsonNode read(String json) {
        try {
            return LedgerClient.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

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
final class PersonRequests {

    private PersonRequests() {
    }

    /** One export decision event, read straight from the event store. */
    record StoredExport(String personAggregateId, boolean granted, String requestId, String recipientId,
                        long objects) {
    }

    static String affiliation(String personId) {
        ObjectNode body = LedgerClient.JSON.createObjectNode();
        body.put("personId", personId);
        return body.toString();
    }

    static Answer affiliate(LedgerClient ledger, String recipientId, String personId) {
        return ledger.post("/api/v1/recipients/" + recipientId + "/persons", affiliation(personId));
    }

    static void affiliated(LedgerClient ledger, String recipientId, String personId) {
        Answer answer = affiliate(ledger, recipientId, personId);
        assertThat(answer.status()).as("affiliating %s with %s: %s", personId, recipientId, answer).isEqualTo(201);
    }

    static Answer endAffiliation(LedgerClient ledger, String recipientId, String personId) {
        return ledger.send("DELETE", "/api/v1/recipients/" + recipientId + "/persons/" + personId);
    }

    static Answer person(LedgerClient ledger, String personId) {
        return ledger.get("/api/v1/persons/" + personId);
    }

    static String export(String requestId, String personId, long postObjects, long userObjects) {
        return export(requestId, personId, postObjects, userObjects, "MANUAL_DOWNLOAD", "CSV");
    }

    static String export(String requestId, String personId, long postObjects, long userObjects, String channel,
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

    static Answer exportObjects(LedgerClient ledger, String body) {
        return ledger.post("/api/v1/object-exports", body);
    }

    /** A share that names the person it goes to. */
    static String shareTo(String requestId, String recipientId, String personId, long postIds) {
        ObjectNode body = (ObjectNode) read(Requests.share(requestId, recipientId, postIds));
        body.put("personId", personId);
        return body.toString();
    }

    static List<StoredExport> storedExports(JdbcTemplate jdbc) {
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

    static List<StoredExport> storedExportsFor(JdbcTemplate jdbc, String requestId) {
        return storedExports(jdbc).stream().filter(export -> export.requestId().equals(requestId)).toList();
    }

    static long eventsOf(JdbcTemplate jdbc, String aggregateId) {
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

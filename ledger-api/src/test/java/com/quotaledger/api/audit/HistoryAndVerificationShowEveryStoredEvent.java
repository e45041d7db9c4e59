package com.quotaledger.api.audit;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.MixedWorkload;
import com.quotaledger.api.Requests;
import com.quotaledger.api.StoredDecisions;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recipient's or person's whole history, event by event, and the check of its hash chain: intact as written, and
 * broken at the very decision whose stored bytes were edited or that went missing.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HistoryAndVerificationShowEveryStoredEvent {

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;
    MixedWorkload.Ids ids;

    @BeforeAll
    void decideAMixedWorkload() {
        ids = MixedWorkload.run(ledger, "hist");
    }

    @Test
    void aRecipientsHistoryListsEveryEventInOrderWithItsActorAndPayload() {
        JsonNode history = ledger.get("/api/v1/audit/recipients/" + ids.acme() + "/history").json();

        assertThat(history.path("recipientId").asText()).isEqualTo(ids.acme());
        JsonNode events = history.path("events");
        Long stored = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, ids.acme());
        assertThat((long) events.size()).isEqualTo(stored);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence").asLong()).isEqualTo(i);
            assertThat(events.get(i).path("actor").asText()).isEqualTo("token:admin");
            assertThat(events.get(i).path("storedAt").asText()).isNotBlank();
        }
        assertThat(events.get(0).path("type").asText()).isEqualTo("RecipientRegistered");
        assertThat(events.get(0).path("occurredAt").asText()).isEqualTo(ids.start().toString());
        assertThat(types(events)).contains("TermsAccepted", "ShareGranted", "ShareDenied", "DsaAccessGranted",
                "ExemptionRevoked", "LimitPermissionGranted");
        JsonNode firstShare = eventOfRequest(events, "hist-r1");
        assertThat(firstShare.path("type").asText()).isEqualTo("ShareGranted");
        assertThat(firstShare.path("payload").path("request").path("ids").path("postIds").asLong())
                .isEqualTo(1_000_000);
        assertThat(firstShare.path("metadata").path("decisionHash").asText()).hasSize(64);
        assertThat(firstShare.path("metadata").path("previousDecisionHash").asText()).isEqualTo("0".repeat(64));
        assertThat(eventOfRequest(events, "hist-r2").path("metadata").path("previousDecisionHash").asText())
                .isEqualTo(firstShare.path("metadata").path("decisionHash").asText());
    }

    @Test
    void aPersonsHistoryListsItsExports() {
        JsonNode history = ledger.get("/api/v1/audit/persons/" + ids.person() + "/history").json();

        assertThat(history.path("personId").asText()).isEqualTo(ids.person());
        assertThat(types(history.path("events"))).contains("ObjectExportGranted", "ObjectExportDenied");
        assertThat(eventOfRequest(history.path("events"), "hist-e2").path("payload").path("reason").asText())
                .isEqualTo("AUTOMATED_OBJECT_DELIVERY_FORBIDDEN");
    }

    @Test
    void anUnknownAggregateHasNoHistory() {
        assertProblem(ledger.get("/api/v1/audit/recipients/nobody/history"), 404, "RECIPIENT_NOT_FOUND");
        assertProblem(ledger.get("/api/v1/audit/recipients/nobody/verify"), 404, "RECIPIENT_NOT_FOUND");
        assertProblem(ledger.get("/api/v1/audit/recipients/NOT%20AN%20ID/verify"), 404, "RECIPIENT_NOT_FOUND");
        assertProblem(ledger.get("/api/v1/audit/persons/nobody/history"), 404, "PERSON_NOT_FOUND");
        assertProblem(ledger.get("/api/v1/audit/persons/nobody/verify"), 404, "PERSON_NOT_FOUND");
    }

    @Test
    void anUntouchedHistoryIsValid() {
        JsonNode beta = ledger.get("/api/v1/audit/recipients/" + ids.beta() + "/verify").json();
        assertThat(beta.path("aggregateId").asText()).isEqualTo(ids.beta());
        assertThat(beta.path("valid").asBoolean()).as("%s", beta).isTrue();
        assertThat(beta.path("eventsChecked").asLong()).isEqualTo(
                ledger.get("/api/v1/audit/recipients/" + ids.beta() + "/history").json().path("events").size());
        assertThat(beta.path("decisionsChecked").asLong()).isEqualTo(3);
        assertThat(beta.has("brokenAtSequence") && !beta.path("brokenAtSequence").isNull()).isFalse();

        JsonNode person = ledger.get("/api/v1/audit/persons/" + ids.person() + "/verify").json();
        assertThat(person.path("aggregateId").asText()).isEqualTo("person:" + ids.person());
        assertThat(person.path("valid").asBoolean()).as("%s", person).isTrue();
        assertThat(person.path("decisionsChecked").asLong()).isEqualTo(4);
    }

    @Test
    void anEditedCountInAStoredDecisionBreaksTheChainAtThatDecision() {
        ledger.registerWithAllTerms("tampered");
        for (int i = 1; i <= 3; i++) {
            assertThat(ledger.share(Requests.share("tampered-" + i, "tampered", 1_000L * i)).status()).isEqualTo(201);
        }
        JsonNode before = ledger.get("/api/v1/audit/recipients/tampered/verify").json();
        assertThat(before.path("valid").asBoolean()).as("%s", before).isTrue();
        assertThat(before.path("decisionsChecked").asLong()).isEqualTo(3);
        StoredDecisions.StoredDecision second = StoredDecisions.forRequest(jdbc, "tampered-2").get(0);

        String payload = new String(jdbc.queryForObject("SELECT payload FROM domain_event_entry "
                + "WHERE aggregate_identifier = 'tampered' AND sequence_number = ?", byte[].class,
                second.sequenceNumber()), StandardCharsets.UTF_8);
        assertThat(payload).contains("\"postIds\":2000");
        int edited = jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = 'tampered' "
                + "AND sequence_number = ?", payload.replace("\"postIds\":2000", "\"postIds\":20")
                .getBytes(StandardCharsets.UTF_8), second.sequenceNumber());
        assertThat(edited).isEqualTo(1);

        JsonNode after = ledger.get("/api/v1/audit/recipients/tampered/verify").json();
        assertThat(after.path("valid").asBoolean()).as("%s", after).isFalse();
        assertThat(after.path("brokenAtSequence").asLong()).isEqualTo(second.sequenceNumber());
        assertThat(after.path("decisionsChecked").asLong()).isEqualTo(1);
        assertThat(after.path("problem").asText()).contains("hash");
    }

    @Test
    void aMissingEventBreaksTheChainWhereItWas() {
        ledger.registerWithAllTerms("gap");
        for (int i = 1; i <= 3; i++) {
            assertThat(ledger.share(Requests.share("gap-" + i, "gap", 10)).status()).isEqualTo(201);
        }
        long sequence = StoredDecisions.forRequest(jdbc, "gap-2").get(0).sequenceNumber();

        jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = 'gap' AND sequence_number = ?",
                sequence);

        JsonNode after = ledger.get("/api/v1/audit/recipients/gap/verify").json();
        assertThat(after.path("valid").asBoolean()).as("%s", after).isFalse();
        assertThat(after.path("brokenAtSequence").asLong()).isEqualTo(sequence);
    }

    @Test
    void anEditedExportBreaksThePersonsChain() {
        ledger.registerWithAllTerms("edited-org");
        assertThat(ledger.post("/api/v1/recipients/edited-org/persons", "{\"personId\":\"edited-p\"}").status())
                .isEqualTo(201);
        assertThat(ledger.post("/api/v1/object-exports", MixedWorkload.export("edited-e1", "edited-p", 300, 0,
                "MANUAL_DOWNLOAD")).status()).isEqualTo(201);
        assertThat(ledger.get("/api/v1/audit/persons/edited-p/verify").json().path("valid").asBoolean()).isTrue();
        String aggregate = "person:edited-p";
        Long sequence = jdbc.queryForObject("SELECT MIN(sequence_number) FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND payload_type LIKE '%ObjectExportGrantedEvent'", Long.class,
                aggregate);
        String payload = new String(jdbc.queryForObject("SELECT payload FROM domain_event_entry "
                + "WHERE aggregate_identifier = ? AND sequence_number = ?", byte[].class, aggregate, sequence),
                StandardCharsets.UTF_8);
        assertThat(payload).contains("\"postObjectCount\":300");
        jdbc.update("UPDATE domain_event_entry SET payload = ? WHERE aggregate_identifier = ? AND sequence_number = ?",
                payload.replace("\"postObjectCount\":300", "\"postObjectCount\":30").getBytes(StandardCharsets.UTF_8),
                aggregate, sequence);

        JsonNode after = ledger.get("/api/v1/audit/persons/edited-p/verify").json();
        assertThat(after.path("valid").asBoolean()).as("%s", after).isFalse();
        assertThat(after.path("brokenAtSequence").asLong()).isEqualTo(sequence);
    }

    private static List<String> types(JsonNode events) {
        List<String> types = new ArrayList<>();
        events.forEach(event -> types.add(event.path("type").asText()));
        return types;
    }

    private static JsonNode eventOfRequest(JsonNode events, String requestId) {
        for (JsonNode event : events) {
            if (requestId.equals(event.path("payload").path("request").path("requestId").asText())) {
                return event;
            }
        }
        throw new AssertionError("no event of " + requestId + " in " + events);
    }
}

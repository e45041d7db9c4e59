package com.quotaledger.api.kafka;

import com.quotaledger.api.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.TestPropertySource;

import static com.quotaledger.api.PersonRequests.export;
import static com.quotaledger.api.Requests.reservation;
import static com.quotaledger.api.Requests.share;
import static com.quotaledger.api.kafka.Broker.typed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request on the requests topic is decided as the same body is over REST: the decisions topic carries the REST
 * body and status, keyed like the request, for grants and for every kind of refusal.
 */
@LedgerOnKafka
@TestPropertySource(properties = "ledger.policy.terms.current-versions.developer-policy=2025-10")
class KafkaRequestsAreDecidedAsOverRest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    Broker broker;
    LedgerClient rest;

    @BeforeEach
    void connect() {
        broker = new Broker(embeddedKafka);
    }

    @AfterEach
    void disconnect() {
        broker.close();
    }

    @Test
    void grantsAndDenialsAnswerWhatRestAnswers() throws Exception {
        rest.registerWithAllTerms("acme");
        rest.post("/api/v1/recipients", "{\"recipientId\":\"no-terms\",\"name\":\"No terms\",\"kind\":\"COMPANY\"}");

        assertSameAsRest("acme", "SHARE_IDS", "/api/v1/shares", share("k-1", "acme", 1_000_000), 201);
        assertSameAsRest("acme", "SHARE_IDS", "/api/v1/shares", share("k-2", "acme", 600_000), 429);
        assertSameAsRest("acme", "SHARE_IDS", "/api/v1/shares", share("k-3", "acme", 1_500_001), 422);
        assertSameAsRest("no-terms", "SHARE_IDS", "/api/v1/shares", share("k-4", "no-terms", 1), 422);
        assertSameAsRest("nobody", "SHARE_IDS", "/api/v1/shares", share("k-5", "nobody", 1), 404);
        assertSameAsRest("acme", "SHARE_IDS", "/api/v1/shares", share("k-1", "acme", 999), 409);

        assertThat(rest.post("/api/v1/recipients/acme/persons", "{\"personId\":\"jane\"}").status()).isEqualTo(201);
        assertSameAsRest("jane", "OBJECT_EXPORT", "/api/v1/object-exports", export("k-6", "jane", 400, 0), 201);
        assertSameAsRest("jane", "OBJECT_EXPORT", "/api/v1/object-exports", export("k-7", "jane", 200, 0), 429);
        assertSameAsRest("john", "OBJECT_EXPORT", "/api/v1/object-exports", export("k-8", "john", 1, 0), 404);
        String nonPublic = export("k-9", "jane", 1, 0)
                .replace("\"publicObjectsOnly\":true", "\"publicObjectsOnly\":false");
        assertThat(assertSameAsRest("jane", "OBJECT_EXPORT", "/api/v1/object-exports", nonPublic, 422)
                .path("reason").asText()).isEqualTo("NON_PUBLIC_OBJECTS_FORBIDDEN");

        rest.post("/api/v1/recipients", "{\"recipientId\":\"outdated\",\"name\":\"Outdated\",\"kind\":\"COMPANY\"}");
        rest.post("/api/v1/recipients/outdated/terms-acceptances", """
                {"acceptedBy":"jane@acme.example","documents":{"TERMS_OF_SERVICE":"2025-09",\
                "PRIVACY_POLICY":"2025-09","DEVELOPER_AGREEMENT":"2025-10","DEVELOPER_POLICY":"2024-01"}}""");
        JsonNode outdated = assertSameAsRest("outdated", "SHARE_IDS", "/api/v1/shares", share("k-10", "outdated", 1),
                422);
        assertThat(outdated.path("reason").asText()).isEqualTo("TERMS_OUTDATED");
        assertThat(outdated.path("outdatedTerms").get(0).path("currentVersion").asText()).isEqualTo("2025-10");
    }

    @Test
    void reservationsTheirConfirmationsAndVoidsAnswerWhatRestAnswers() throws Exception {
        rest.registerWithAllTerms("holder");
        JsonNode reserved = assertSameAsRest("holder", "RESERVE", "/api/v1/reservations",
                reservation("r-1", "holder", 1_000_000, "PT1H"), 201);
        String reservationId = reserved.path("reservationId").asText();
        assertSameAsRest("holder", "RESERVE", "/api/v1/reservations", reservation("r-2", "holder", 600_000, "PT1H"),
                429);
        JsonNode exceeds = assertSameAsRest("holder", "CONFIRM_RESERVATION", withReservation(reservationId,
                        confirmation("r-3", 1_000_001)), "/api/v1/reservations/" + reservationId + "/confirm",
                confirmation("r-3", 1_000_001), 422);
        assertThat(exceeds.path("reason").asText()).isEqualTo("EXCEEDS_RESERVATION");
        JsonNode confirmed = assertSameAsRest("holder", "CONFIRM_RESERVATION", withReservation(reservationId,
                        confirmation("r-4", 700_000)), "/api/v1/reservations/" + reservationId + "/confirm",
                confirmation("r-4", 700_000), 201);
        assertThat(confirmed.path("released").path("postIdCount").asLong()).isEqualTo(300_000);
        JsonNode notOpen = assertSameAsRest("holder", "VOID_RESERVATION", withReservation(reservationId,
                        "{\"requestId\":\"r-5\"}"), "/api/v1/reservations/" + reservationId + "/void",
                "{\"requestId\":\"r-5\"}", 409);
        assertThat(notOpen.path("state").asText()).isEqualTo("CONFIRMED");

        String second = assertSameAsRest("holder", "RESERVE", "/api/v1/reservations",
                reservation("r-6", "holder", 100, "PT1H"), 201).path("reservationId").asText();
        assertSameAsRest("holder", "VOID_RESERVATION", withReservation(second, "{\"requestId\":\"r-7\"}"),
                "/api/v1/reservations/" + second + "/void", "{\"requestId\":\"r-7\"}", 200);
        assertSameAsRest("holder", "VOID_RESERVATION", withReservation("holder~unknown", "{\"requestId\":\"r-8\"}"),
                "/api/v1/reservations/holder~unknown/void", "{\"requestId\":\"r-8\"}", 404);
    }

    @Test
    void aGrantedShareCarriesTheRateLimitHeadersAsRecordHeaders() {
        rest.registerWithAllTerms("headers");
        broker.send("ledger.requests", "headers", typed("SHARE_IDS", share("h-1", "headers", 10)));
        ConsumerRecord<String, String> decision = broker.first("ledger.decisions", "\"h-1\"");
        assertThat(Broker.header(decision, "RateLimit-Policy")).contains("q=1500000");
        assertThat(Broker.header(decision, "RateLimit")).contains("r=1499990");
    }

    /** Returns the decision, as the decisions topic carried it. */
    private JsonNode assertSameAsRest(String key, String type, String path, String body, int status)
            throws Exception {
        return assertSameAsRest(key, type, body, path, body, status);
    }

    /** A record whose body differs from the REST body: a confirmation or void names its reservation in it. */
    private JsonNode assertSameAsRest(String key, String type, String recordBody, String path, String body,
                                      int status) throws Exception {
        String requestId = JSON.readTree(body).get("requestId").asText();
        broker.send("ledger.requests", key, typed(type, recordBody));
        ConsumerRecord<String, String> decision = broker.readUntil("ledger.decisions", read -> read.stream()
                        .anyMatch(record -> isFor(record, key, requestId, status)))
                .stream().filter(record -> isFor(record, key, requestId, status)).findFirst().orElseThrow();
        assertThat(decision.key()).isEqualTo(key);

        Answer overRest = rest.post(path, body);
        assertThat(overRest.status()).as("%s", overRest).isEqualTo(status);
        ObjectNode expected = (ObjectNode) JSON.readTree(overRest.body());
        expected.put("status", status);
        assertThat(JSON.readTree(decision.value())).as("%s", decision.value()).isEqualTo(expected);
        return JSON.readTree(decision.value());
    }

    private static String withReservation(String reservationId, String body) throws Exception {
        return ((ObjectNode) JSON.readTree(body)).put("reservationId", reservationId).toString();
    }

    private static String confirmation(String requestId, long postIdCount) {
        return "{\"requestId\":\"%s\",\"postIdCount\":%d,\"userIdCount\":0,\"directMessageIdCount\":0}"
                .formatted(requestId, postIdCount);
    }

    /** A refusal before any decision (an unknown recipient) names no requestId, as over REST. */
    private static boolean isFor(ConsumerRecord<String, String> record, String key, String requestId, int status) {
        try {
            JsonNode decision = JSON.readTree(record.value());
            return key.equals(record.key()) && decision.path("requestId").asText(requestId).equals(requestId)
                    && decision.path("status").asInt() == status;
        } catch (Exception e) {
            return false;
        }
    }
}

package com.quotaledger.api.kafka;

import com.quotaledger.api.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.quotaledger.api.PersonRequests.export;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/** Every event in the store reaches the events topic, keyed by its aggregate and in its aggregate's order. */
@LedgerOnKafka
class EveryStoredEventIsPublishedInOrderPerAggregate {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient rest;
    Broker broker;

    @BeforeEach
    void connect() {
        broker = new Broker(embeddedKafka);
    }

    @AfterEach
    void disconnect() {
        broker.close();
    }

    @Test
    void theEventsTopicHoldsTheStoreInOrderPerAggregate() throws Exception {
        for (String recipient : List.of("ev-a", "ev-b", "ev-c")) {
            rest.registerWithAllTerms(recipient);
            for (int i = 0; i < 4; i++) {
                rest.post("/api/v1/shares", share(recipient + "-" + i, recipient, 500_000));
            }
        }
        assertThat(rest.post("/api/v1/recipients/ev-a/persons", "{\"personId\":\"ev-p\"}").status()).isEqualTo(201);
        rest.post("/api/v1/object-exports", export("ev-x", "ev-p", 10, 0));

        Map<String, List<Long>> stored = new LinkedHashMap<>();
        jdbc.query("SELECT aggregate_identifier, sequence_number FROM domain_event_entry ORDER BY global_index",
                row -> {
                    stored.computeIfAbsent(row.getString(1), id -> new ArrayList<>()).add(row.getLong(2));
                });
        long total = stored.values().stream().mapToLong(List::size).sum();

        List<ConsumerRecord<String, String>> published = broker.readUntil("ledger.events",
                read -> read.stream().map(ConsumerRecord::value).distinct().count() >= total);
        Map<String, List<Long>> publishedSequences = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : published) {
            JsonNode event = JSON.readTree(record.value());
            assertThat(event.fieldNames()).toIterable()
                    .containsExactly("eventId", "type", "aggregateId", "sequence", "occurredAt", "payload");
            assertThat(record.key()).isEqualTo(event.get("aggregateId").asText());
            assertThat(event.get("eventId").asText()).isNotBlank();
            assertThat(event.get("type").asText()).endsWith("Event");
            assertThat(event.get("occurredAt").asText()).isNotBlank();
            assertThat(event.get("payload").isObject()).isTrue();
            publishedSequences.computeIfAbsent(record.key(), id -> new ArrayList<>())
                    .add(event.get("sequence").asLong());
        }
        assertThat(publishedSequences).isEqualTo(stored);
    }
}

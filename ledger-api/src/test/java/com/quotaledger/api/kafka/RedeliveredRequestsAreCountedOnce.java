package com.quotaledger.api.kafka;

import com.quotaledger.api.LedgerClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static com.quotaledger.api.Requests.share;
import static com.quotaledger.api.kafka.Broker.typed;
import static org.assertj.core.api.Assertions.assertThat;

/** The same request delivered again is published again with the same decision, and counts once. */
@LedgerOnKafka
class RedeliveredRequestsAreCountedOnce {

    static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ConcurrentMessageListenerContainer<byte[], byte[]> requestsContainer;

    @Autowired
    KafkaBridgeProperties properties;

    Broker broker;
    LedgerClient rest;

    @BeforeEach
    void connect() {
        broker = new Broker(embeddedKafka);
    }

    @AfterEach
    void disconnect() {
        if (!requestsContainer.isRunning()) {
            requestsContainer.start();
        }
        broker.close();
    }

    @Test
    void aShareProducedAgainIsAnsweredWithItsFirstDecision() throws Exception {
        rest.registerWithAllTerms("again");
        String request = typed("SHARE_IDS", share("again-1", "again", 700_000));
        for (int delivery = 0; delivery < 3; delivery++) {
            broker.send("ledger.requests", "again", request);
        }

        List<ConsumerRecord<String, String>> decisions = decisionsFor("again-1", 3);
        assertThat(decisions).extracting(ConsumerRecord::value).containsOnly(decisions.get(0).value());
        assertThat(decisions).extracting(ConsumerRecord::key).containsOnly("again");
        assertThat(decisions.get(0).value()).contains("\"status\":201");
        assertCountedOnce("again", 700_000);
    }

    /** What a consumer crash before its commit, or a rebalance, does: the same record at the same offset again. */
    @Test
    void aRecordReadAgainFromItsOffsetIsAnsweredWithItsFirstDecision() throws Exception {
        rest.registerWithAllTerms("rewind");
        broker.send("ledger.requests", "rewind", typed("SHARE_IDS", share("rewind-1", "rewind", 300_000)));
        String first = decisionsFor("rewind-1", 1).get(0).value();
        assertThat(first).contains("\"status\":201");

        ConsumerRecord<String, String> original = broker.first("ledger.requests", "\"rewind-1\"");
        requestsContainer.stop();
        rewind(new TopicPartition(original.topic(), original.partition()), original.offset());
        requestsContainer.start();

        List<ConsumerRecord<String, String>> decisions = decisionsFor("rewind-1", 2);
        assertThat(decisions).extracting(ConsumerRecord::value).containsOnly(first);
        assertCountedOnce("rewind", 300_000);
    }

    private List<ConsumerRecord<String, String>> decisionsFor(String requestId, int count) {
        String quoted = "\"" + requestId + "\"";
        return broker.readUntil("ledger.decisions",
                        read -> read.stream().filter(record -> record.value().contains(quoted)).count() >= count)
                .stream().filter(record -> record.value().contains(quoted)).toList();
    }

    private void assertCountedOnce(String recipientId, long postIds) throws Exception {
        assertThat(JSON.readTree(rest.get("/api/v1/recipients/" + recipientId + "/quota").body())
                .at("/postIds/used").asLong()).isEqualTo(postIds);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type LIKE '%ShareGrantedEvent'", Long.class, recipientId)).isEqualTo(1);
    }

    /** Moves the ledger's committed offset back; the group must have emptied after the stop, so it is retried. */
    private void rewind(TopicPartition partition, long offset) throws Exception {
        Instant deadline = Instant.now().plus(Broker.WAIT);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                embeddedKafka.getBrokersAsString()))) {
            while (true) {
                try {
                    admin.alterConsumerGroupOffsets(properties.groupId(),
                            Map.of(partition, new OffsetAndMetadata(offset))).all().get(10, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw notYet;
                    }
                    Thread.sleep(200);
                }
            }
        }
    }
}

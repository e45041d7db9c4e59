package com.quotaledger.api.kafka;

import com.quotaledger.api.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static com.quotaledger.api.Requests.share;
import static com.quotaledger.api.kafka.Broker.typed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests for many recipients, produced while the ledger is not reading so that they arrive in large batches, with
 * sizes that make each recipient's decisions depend on their order: every decision is the one that deciding each
 * recipient's requests one after another, in the order produced, takes; the keys' decisions commit together; and an
 * undecidable record in the middle goes to the dead-letter topic without changing any other decision.
 */
@LedgerOnKafka
class ABatchOfManyKeysIsDecidedInEachKeysOrder {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long LIMIT = 1_500_000;
    /** Few recipients with many requests each, so that a batch holds many requests of every recipient. */
    private static final int RECIPIENTS = 3;
    private static final int REQUESTS_PER_RECIPIENT = 100;

    @Autowired
    EmbeddedKafkaBroker embeddedKafka;

    @Autowired
    ConcurrentMessageListenerContainer<byte[], byte[]> requestsContainer;

    @Autowired
    MeterRegistry meters;

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
    void eachRecipientsRequestsAreDecidedAsIfOneAfterAnother() throws Exception {
        Random random = new Random(20261130L);
        Map<String, Integer> expectedStatus = new LinkedHashMap<>();
        Map<String, Long> expectedUsed = new HashMap<>();
        List<String[]> records = new ArrayList<>();
        for (int r = 0; r < RECIPIENTS; r++) {
            String recipient = "batch-" + r;
            rest.registerWithAllTerms(recipient);
            expectedUsed.put(recipient, 0L);
        }
        for (int i = 0; i < REQUESTS_PER_RECIPIENT; i++) {
            for (int r = 0; r < RECIPIENTS; r++) {
                String recipient = "batch-" + r;
                String requestId = recipient + "-" + i;
                if (r == 1 && i == 50) {
                    records.add(new String[]{recipient, typed("SHARE_IDS", share(requestId, recipient, -1))});
                    continue;
                }
                // large and small requests mixed, so that a small one after a denied large one still fits
                long postIds = random.nextBoolean() ? 100_000 + random.nextInt(300_000) : 1 + random.nextInt(20_000);
                long used = expectedUsed.get(recipient);
                boolean granted = used + postIds <= LIMIT;
                expectedStatus.put(requestId, granted ? 201 : 429);
                expectedUsed.put(recipient, granted ? used + postIds : used);
                records.add(new String[]{recipient, typed("SHARE_IDS", share(requestId, recipient, postIds))});
            }
        }
        DistributionSummary groups = meters.get("ledger.commands.group.size").summary();
        long groupsBefore = groups.count();
        double commandsBefore = groups.totalAmount();

        requestsContainer.stop();
        for (String[] record : records) {
            broker.send("ledger.requests", record[0], record[1]);
        }
        requestsContainer.start();

        Map<String, Integer> decided = new HashMap<>();
        broker.readUntil("ledger.decisions", read -> {
            for (ConsumerRecord<String, String> record : read) {
                JsonNode decision = readTree(record.value());
                if (expectedStatus.containsKey(decision.path("requestId").asText())) {
                    decided.put(decision.path("requestId").asText(), decision.path("status").asInt());
                }
            }
            return decided.size() == expectedStatus.size();
        });

        assertThat(decided).isEqualTo(expectedStatus);
        for (Map.Entry<String, Long> used : expectedUsed.entrySet()) {
            assertThat(readTree(rest.get("/api/v1/recipients/" + used.getKey() + "/quota").body())
                    .at("/postIds/used").asLong()).as(used.getKey()).isEqualTo(used.getValue());
        }
        assertThat(broker.first("ledger.requests.DLT", "\"batch-1-50\"").key()).isEqualTo("batch-1");
        long commands = (long) (groups.totalAmount() - commandsBefore);
        long groupsCommitted = groups.count() - groupsBefore;
        assertThat(commands).as("commands committed in fewer groups than there were commands")
                .isGreaterThan(groupsCommitted);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

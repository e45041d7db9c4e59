package com.quotaledger.api.kafka;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerProcess;
import com.quotaledger.api.TestStore;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With the Kafka bridge on, the ledger nodes form one consumer group: the request partitions are spread over them,
 * and when a node is killed (SIGKILL) in the middle of the stream its partitions pass to the nodes that are left.
 * Every request is decided once, whichever node it reached and however often it was delivered, and no recipient is
 * granted more than its limit, which the stream asks well beyond. On the embedded H2 store, which one process owns, the one node is killed and started
 * again.
 */
class KafkaPartitionsPassToTheNodesThatAreLeft {

    /** Below what the stream asks of each recipient (40 requests of about 1,000 on average), so it runs into it. */
    private static final long LIMIT = 20_000;
    private static final int RECIPIENTS = 6;
    private static final int REQUESTS = 240;
    private static final int PARTITIONS = 3;
    private static final Duration WAIT = Duration.ofSeconds(120);

    private final List<LedgerProcess> started = new ArrayList<>();
    private EmbeddedKafkaKraftBroker broker;

    @AfterEach
    void stopEverything() {
        started.forEach(LedgerProcess::close);
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void everyRequestIsDecidedOnceWhenANodeDiesInTheMiddleOfTheStream() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS,
                "ledger.requests", "ledger.decisions", "ledger.requests.DLT", "ledger.events");
        broker.afterPropertiesSet();
        Path dataDir = DataDirs.fresh("kafka-nodes");
        long seed = System.nanoTime();
        boolean severalNodes = TestStore.current() == TestStore.POSTGRESQL;
        List<LedgerProcess> nodes = new ArrayList<>(List.of(startNode(dataDir)));
        if (severalNodes) {
            nodes.add(startNode(dataDir));
            await().atMost(WAIT).until(() -> nodes.stream().allMatch(node -> assigned(node) > 0));
        }
        LedgerClient rest = nodes.get(0).client();
        List<String> recipients = new ArrayList<>();
        for (int i = 0; i < RECIPIENTS; i++) {
            recipients.add("stream-" + i);
            rest.registerWithAllTerms("stream-" + i);
        }

        Random random = new Random(seed);
        Map<String, String> recipientOf = new HashMap<>();
        Map<String, Long> postIdsOf = new HashMap<>();
        Map<String, List<JsonNode>> decisions = new HashMap<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker),
                new StringSerializer(), new StringSerializer());
             KafkaConsumer<String, String> consumer = decisionsConsumer()) {
            for (int i = 0; i < REQUESTS; i++) {
                if (i == REQUESTS / 2) {
                    // A node dies with half the stream produced and part of it still undecided; the other half is
                    // produced after, so the dead node's partitions can only be decided by a node that took them.
                    readUntil(consumer, decisions, REQUESTS / 4);
                    nodes.remove(nodes.size() - 1).kill();
                    if (nodes.isEmpty()) {
                        nodes.add(startNode(dataDir));
                    }
                }
                String requestId = "k-" + i;
                String recipientId = recipients.get(random.nextInt(RECIPIENTS));
                long postIds = 500 + random.nextInt(1_000);
                recipientOf.put(requestId, recipientId);
                postIdsOf.put(requestId, postIds);
                String body = share(requestId, recipientId, postIds);
                producer.send(new ProducerRecord<>("ledger.requests", null, recipientId,
                        "{\"type\":\"SHARE_IDS\"," + body.substring(1),
                        List.of(Broker.credential(LedgerClient.ADMIN_TOKEN)))).get(30, TimeUnit.SECONDS);
            }
            readUntil(consumer, decisions, REQUESTS);
        }

        if (severalNodes) {
            assertThat(assigned(nodes.get(0))).as("the survivor's partitions after the kill").isEqualTo(PARTITIONS);
        }
        Map<String, Long> granted = new HashMap<>();
        Map<String, Long> asked = new HashMap<>();
        Map<String, Integer> refused = new HashMap<>();
        for (Map.Entry<String, List<JsonNode>> decided : decisions.entrySet()) {
            List<JsonNode> published = decided.getValue();
            assertThat(published).as("seed %d: every delivery of %s is answered alike", seed, decided.getKey())
                    .containsOnly(published.get(0));
            int status = published.get(0).path("status").asInt();
            assertThat(status).as("seed %d: %s", seed, published.get(0)).isIn(201, 429);
            String recipientId = recipientOf.get(decided.getKey());
            granted.merge(recipientId, status == 201 ? postIdsOf.get(decided.getKey()) : 0, Long::sum);
            asked.merge(recipientId, postIdsOf.get(decided.getKey()), Long::sum);
            refused.merge(recipientId, status == 429 ? 1 : 0, Integer::sum);
        }
        assertThat(refused.values().stream().mapToInt(Integer::intValue).sum())
                .as("seed %d: the stream ran into the limit", seed).isPositive();
        LedgerClient survivor = nodes.get(0).client();
        for (String recipientId : recipients) {
            long total = granted.getOrDefault(recipientId, 0L);
            assertThat(total).as("seed %d: granted to %s", seed, recipientId).isLessThanOrEqualTo(LIMIT);
            if (asked.getOrDefault(recipientId, 0L) > LIMIT) {
                assertThat(refused.get(recipientId)).as("seed %d: refusals to %s, asked %d", seed, recipientId,
                        asked.get(recipientId)).isPositive();
            }
            assertThat(survivor.quota(recipientId).json().path("postIds").path("used").asLong())
                    .as("seed %d: %s counted once per request", seed, recipientId).isEqualTo(total);
        }
    }

    private LedgerProcess startNode(Path dataDir) {
        LedgerProcess node = LedgerProcess.start(dataDir, "--ledger.policy.rolling-limit=" + LIMIT,
                "--ledger.kafka.enabled=true", "--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--ledger.kafka.retry-initial-interval=PT0.1S", "--ledger.kafka.retry-max-interval=PT1S",
                // A dead node's partitions move once the broker stops hearing from it: seconds, not the default 45.
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000");
        started.add(node);
        return node;
    }

    /** How many request partitions the node was given last. */
    private static int assigned(LedgerProcess node) {
        String output = node.output();
        int at = output.lastIndexOf("partitions assigned: [");
        if (at < 0) {
            return 0;
        }
        String list = output.substring(at + "partitions assigned: [".length(), output.indexOf(']', at));
        return list.isBlank() ? 0 : list.split(",").length;
    }

    private KafkaConsumer<String, String> decisionsConsumer() {
        Map<String, Object> props = KafkaTestUtils.consumerProps("decisions-" + UUID.randomUUID(), "false", broker);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
        consumer.subscribe(List.of("ledger.decisions"));
        return consumer;
    }

    /** Reads decisions, each delivery kept, until {@code distinct} requests have at least one. */
    private static void readUntil(KafkaConsumer<String, String> consumer, Map<String, List<JsonNode>> decisions,
                                  int distinct) {
        Instant deadline = Instant.now().plus(WAIT);
        while (decisions.size() < distinct) {
            assertThat(Instant.now()).as("decisions for %d requests; have %d", distinct, decisions.size())
                    .isBefore(deadline);
            consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                try {
                    JsonNode decision = LedgerClient.JSON.readTree(record.value());
                    decisions.computeIfAbsent(decision.path("requestId").asText(), id -> new ArrayList<>())
                            .add(decision);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}

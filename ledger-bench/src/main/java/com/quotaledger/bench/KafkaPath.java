package com.quotaledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Kafka path: a request stream produced to a requests topic at once, keyed by recipient, and decided by a
 * consumer that publishes each decision to a decisions topic. The ledger's own Kafka bridge decides a polled batch's
 * recipients at the same time and commits their decisions together; the baseline's consumer decides each record in a
 * transaction of its own, as a plain SQL consumer does. Throughput is requests over the time from the first send to
 * the last decision read; a request's latency is from its send to its decision read, so it includes the wait in the
 * topic behind the requests produced before it. The same path fills the ledger's store before a workload, with
 * decisions that the ledger takes as it takes any other.
 */
final class KafkaPath implements AutoCloseable {

    /** Where one system's requests come in and its decisions go out. */
    record Topics(String requests, String decisions) {
    }

    static final Topics LEDGER = new Topics("bench.ledger.requests", "bench.ledger.decisions");
    static final Topics BASELINE = new Topics("bench.baseline.requests", "bench.baseline.decisions");

    private static final int PARTITIONS = 4;
    private static final String LEDGER_DEAD_LETTERS = "bench.ledger.dead-letters";
    private static final String LEDGER_EVENTS = "bench.ledger.events";

    private final EmbeddedKafkaKraftBroker broker;

    /** A single-node KRaft broker in this JVM, on a port of its own, with both systems' topics. */
    KafkaPath() {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, LEDGER.requests, LEDGER.decisions, LEDGER_DEAD_LETTERS,
                LEDGER_EVENTS, BASELINE.requests, BASELINE.decisions);
        broker.afterPropertiesSet();
    }

    /** The ledger's settings for its Kafka bridge on this broker's topics. */
    List<String> ledgerSettings() {
        return List.of("--ledger.kafka.enabled=true", "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--ledger.kafka.requests-topic=" + LEDGER.requests,
                "--ledger.kafka.decisions-topic=" + LEDGER.decisions,
                "--ledger.kafka.dead-letter-topic=" + LEDGER_DEAD_LETTERS,
                "--ledger.kafka.events-topic=" + LEDGER_EVENTS);
    }

    private String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    /**
     * Produces every request of {@code workload} to the system's requests topic and reads its decisions topic until
     * each has its decision; the decision's {@code status} is what REST would answer. The latencies are not corrected
     * for coordinated omission: every request is sent at once and its latency counts from its send, so the wait behind
     * the requests before it is already in it.
     */
    Measurement measure(Workload workload, Topics system) throws Exception {
        List<Workload.Request> requests = workload.perClient().stream().flatMap(List::stream).toList();
        Map<String, Long> sentAt = new HashMap<>();
        Map<String, Integer> statuses = new HashMap<>();
        Histogram latencies = Latencies.microseconds();
        try (KafkaConsumer<String, String> decisions = decisionsFromNow(system.decisions);
             KafkaProducer<String, String> producer = producer()) {
            long start = System.nanoTime();
            List<Future<?>> sends = new ArrayList<>();
            for (Workload.Request request : requests) {
                sentAt.put(request.requestId(), System.nanoTime());
                sends.add(producer.send(requestRecord(system.requests, request.recipientId(),
                        shareRequest(request.requestId(), request.recipientId(), request.postIds()))));
            }
            for (Future<?> send : sends) {
                send.get(1, TimeUnit.MINUTES);
            }
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (statuses.size() < requests.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + statuses.size() + " of " + requests.size()
                            + " requests were decided on " + system.decisions + " in 30 minutes");
                }
                for (ConsumerRecord<String, String> record : decisions.poll(Duration.ofMillis(100))) {
                    JsonNode decision = json(record.value());
                    String requestId = decision.path("requestId").asText();
                    Long sent = sentAt.get(requestId);
                    if (sent != null && statuses.putIfAbsent(requestId, decision.path("status").asInt()) == null) {
                        latencies.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
                    }
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Latencies measured = Latencies.of(latencies);
            return new Measurement(statuses, requests.size() / seconds, measured, measured);
        }
    }

    /**
     * Produces every share of {@code fill} to the ledger's requests topic, keyed by recipient, and reads its
     * decisions topic until each share has its decision: how many shares were answered with each status.
     */
    Map<Integer, Integer> decideOnLedger(StoreFill fill) throws Exception {
        BitSet decided = new BitSet(fill.shares());
        Map<Integer, Integer> byStatus = new TreeMap<>();
        AtomicReference<Exception> failedSend = new AtomicReference<>();
        try (KafkaConsumer<String, String> decisions = decisionsFromNow(LEDGER.decisions);
             KafkaProducer<String, String> producer = producer()) {
            for (int share = 0; share < fill.shares(); share++) {
                String recipient = fill.recipientOfShare(share);
                producer.send(requestRecord(LEDGER.requests, recipient,
                                shareRequest(StoreFill.requestIdOf(share), recipient, StoreFill.postIdsOf(share))),
                        (sent, failure) -> {
                            if (failure != null) {
                                failedSend.compareAndSet(null, failure);
                            }
                        });
            }
            producer.flush();
            if (failedSend.get() != null) {
                throw new IllegalStateException("a share of the fill was not sent", failedSend.get());
            }
            int decidedCount = 0;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (decidedCount < fill.shares()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + decidedCount + " of " + fill.shares()
                            + " shares of the fill were decided in 30 minutes");
                }
                for (ConsumerRecord<String, String> record : decisions.poll(Duration.ofMillis(100))) {
                    JsonNode decision = json(record.value());
                    int share = StoreFill.shareOf(decision.path("requestId").asText());
                    if (share >= 0 && share < fill.shares() && !decided.get(share)) {
                        decided.set(share);
                        decidedCount++;
                        byStatus.merge(decision.path("status").asInt(), 1, Integer::sum);
                    }
                }
            }
        }
        return byStatus;
    }

    /**
     * The baseline's consumer, deciding each record in its own transaction and publishing its decision before it
     * commits the polled batch's offsets, until closed.
     */
    AutoCloseable baselineConsumer(SqlQuotaLedger sql) {
        AtomicBoolean open = new AtomicBoolean(true);
        KafkaConsumer<String, String> requests = consumer("bench-baseline");
        Thread consumer = new Thread(() -> {
            try (requests; KafkaProducer<String, String> producer = producer()) {
                requests.subscribe(List.of(BASELINE.requests));
                while (open.get()) {
                    List<Future<?>> sends = new ArrayList<>();
                    for (ConsumerRecord<String, String> record : requests.poll(Duration.ofMillis(100))) {
                        JsonNode request = json(record.value());
                        String requestId = request.path("requestId").asText();
                        int status = sql.share(requestId, request.path("recipientId").asText(),
                                request.path("postIdCount").asLong()) ? 201 : 429;
                        sends.add(producer.send(new ProducerRecord<>(BASELINE.decisions, record.key(),
                                "{\"requestId\":\"" + requestId + "\",\"status\":" + status + "}")));
                    }
                    for (Future<?> send : sends) {
                        send.get(1, TimeUnit.MINUTES);
                    }
                    requests.commitSync();
                }
            } catch (WakeupException closed) {
                // closed while polling
            } catch (Exception e) {
                throw new IllegalStateException("the baseline's consumer failed", e);
            }
        }, "baseline-consumer");
        consumer.start();
        return () -> {
            open.set(false);
            requests.wakeup();
            consumer.join(TimeUnit.SECONDS.toMillis(30));
        };
    }

    /** A request record as a producer the ledger knows sends it: with its API token in the Authorization header. */
    private static ProducerRecord<String, String> requestRecord(String topic, String key, String value) {
        return new ProducerRecord<>(topic, null, key, value, List.of(new RecordHeader("Authorization",
                ("Bearer " + Targets.TOKEN).getBytes(StandardCharsets.UTF_8))));
    }

    private static String shareRequest(String requestId, String recipientId, long postIds) {
        return """
                {"type":"SHARE_IDS","requestId":"%s","recipientId":"%s","postIdCount":%d,"userIdCount":0,\
                "directMessageIdCount":0}""".formatted(requestId, recipientId, postIds);
    }

    /**
     * A reader of a decisions topic from its current end, so that it reads only the decisions of what is sent after
     * it, however many earlier workloads and fills left there.
     */
    private KafkaConsumer<String, String> decisionsFromNow(String topic) {
        KafkaConsumer<String, String> decisions = consumer("bench-reader-" + UUID.randomUUID());
        try {
            List<TopicPartition> partitions = decisions.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(topic, partition.partition())).toList();
            decisions.assign(partitions);
            decisions.seekToEnd(partitions);
            // seekToEnd is lazy: asking for the positions fixes them now, before anything is sent
            partitions.forEach(decisions::position);
            return decisions;
        } catch (RuntimeException e) {
            decisions.close();
            throw e;
        }
    }

    private KafkaConsumer<String, String> consumer(String group) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
    }

    private KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5),
                new StringSerializer(), new StringSerializer());
    }

    private static JsonNode json(String value) {
        try {
            return Targets.JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        broker.destroy();
    }
}

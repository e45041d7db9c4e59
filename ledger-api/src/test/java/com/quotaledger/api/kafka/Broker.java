package com.quotaledger.api.kafka;

import com.quotaledger.api.LedgerClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Producing to and reading from the test broker, every wait bounded. */
final class Broker implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final EmbeddedKafkaBroker broker;
    private final KafkaProducer<String, String> producer;

    Broker(EmbeddedKafkaBroker broker) {
        this.broker = broker;
        this.producer = new KafkaProducer<>(KafkaTestUtils.producerProps(broker), new StringSerializer(),
                new StringSerializer());
    }

    /** Sends a record with {@code headers} and the test administrator's credential, as a producer the ledger knows. */
    void send(String topic, String key, String value, Header... headers) {
        List<Header> withCredential = new ArrayList<>(List.of(headers));
        withCredential.add(credential(LedgerClient.ADMIN_TOKEN));
        sendExactly(topic, key, value, withCredential);
    }

    /** Sends a record with {@code headers} and nothing else. */
    void sendExactly(String topic, String key, String value, List<Header> headers) {
        try {
            producer.send(new ProducerRecord<>(topic, null, key, value, headers))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not produce to " + topic, e);
        }
    }

    /** The record header that carries a producer's API token. */
    static Header credential(String token) {
        return new RecordHeader("Authorization", ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
    }

    /** Reads {@code topic} from its start until {@code enough} holds for what was read, or fails after the wait. */
    List<ConsumerRecord<String, String>> readUntil(String topic,
                                                   Predicate<List<ConsumerRecord<String, String>>> enough) {
        Map<String, Object> props = KafkaTestUtils.consumerProps("test-" + UUID.randomUUID(), "false", broker);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(WAIT);
            while (!enough.test(read)) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("waited " + WAIT + " on " + topic + "; read only " + read.size()
                            + " records: " + read.stream().map(ConsumerRecord::value).toList());
                }
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
        }
        return read;
    }

    /** The first record on {@code topic} whose value contains {@code text}. */
    ConsumerRecord<String, String> first(String topic, String text) {
        return readUntil(topic, read -> read.stream().anyMatch(record -> record.value().contains(text)))
                .stream().filter(record -> record.value().contains(text)).findFirst().orElseThrow();
    }

    /** A REST body as a Kafka request record: the same fields and the type that names the endpoint. */
    static String typed(String type, String body) {
        return "{\"type\":\"" + type + "\"," + body.substring(1);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

package com.quotaledger.api.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quotaledger.api.kafka.RequestEndpoints.Decided;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.kafka.listener.MessageListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Decides each request record and publishes its decision, keyed like the request. The listener returns, and the
 * record's offset is committed, only after the decision is stored and the broker has acknowledged its publication;
 * a record delivered again is decided again, which answers the stored decision and counts nothing twice.
 */
class KafkaRequests implements MessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(KafkaRequests.class);

    /**
     * The actor of every request that comes from Kafka. Who may produce to the requests topic is the broker's to
     * decide (its ACLs), not the ledger's.
     */
    static final Authentication ACTOR = UsernamePasswordAuthenticationToken.authenticated("kafka", null, List.of());

    /** The response headers a REST client reads besides the body, carried over as record headers. */
    private static final List<String> DECISION_HEADERS = List.of("Retry-After", "RateLimit-Policy", "RateLimit");

    private final RequestEndpoints endpoints;
    private final KafkaOperations<byte[], byte[]> kafka;
    private final ObjectMapper json;
    private final String decisionsTopic;
    private final Duration sendTimeout;

    KafkaRequests(RequestEndpoints endpoints, KafkaOperations<byte[], byte[]> kafka, ObjectMapper json,
                  KafkaBridgeProperties properties) {
        this.endpoints = endpoints;
        this.kafka = kafka;
        this.json = json;
        this.decisionsTopic = properties.decisionsTopic();
        this.sendTimeout = properties.sendTimeout();
    }

    @Override
    public void onMessage(ConsumerRecord<byte[], byte[]> request) {
        Decided decided;
        SecurityContextHolder.getContext().setAuthentication(ACTOR);
        try {
            decided = endpoints.decide(request.value());
        } finally {
            SecurityContextHolder.clearContext();
        }
        RecordHeaders headers = new RecordHeaders();
        for (String name : DECISION_HEADERS) {
            String value = decided.headers().getFirst(name);
            if (value != null) {
                headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] decision;
        try {
            decision = json.writeValueAsBytes(decided.body());
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a decision could not be written as JSON", impossible);
        }
        KafkaSends.await(kafka.send(new ProducerRecord<>(decisionsTopic, null, request.key(), decision, headers)),
                sendTimeout);
        log.debug("Request {} from {}-{}@{} decided {}", decided.body().path("requestId").asText(),
                request.topic(), request.partition(), request.offset(), decided.status());
    }
}

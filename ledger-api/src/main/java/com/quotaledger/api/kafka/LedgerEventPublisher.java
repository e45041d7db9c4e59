package com.quotaledger.api.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quotaledger.decision.LedgerEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.kafka.core.KafkaOperations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * Publishes every stored event to the events topic, keyed by its aggregate. The event store is the outbox: this runs
 * in a streaming processor of its own whose token lives in the same database, and a handler returns only once the
 * broker has acknowledged the send, so the token never moves past an event that is not on the topic. A failed send
 * fails the batch, which is tried again from the same token: events go out at least once, in order per aggregate.
 */
@ProcessingGroup(LedgerEventPublisher.PROCESSING_GROUP)
class LedgerEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";

    private final KafkaOperations<byte[], byte[]> kafka;
    private final ObjectMapper json;
    private final String eventsTopic;
    private final Duration sendTimeout;

    LedgerEventPublisher(KafkaOperations<byte[], byte[]> kafka, ObjectMapper json, KafkaBridgeProperties properties) {
        this.kafka = kafka;
        this.json = json;
        this.eventsTopic = properties.eventsTopic();
        this.sendTimeout = properties.sendTimeout();
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) throws JsonProcessingException {
        String aggregateId = event instanceof DomainEventMessage<?> domain
                ? domain.getAggregateIdentifier() : event.getIdentifier();
        ObjectNode record = json.createObjectNode();
        record.put("eventId", event.getIdentifier());
        record.put("type", event.getPayloadType().getSimpleName());
        record.put("aggregateId", aggregateId);
        if (event instanceof DomainEventMessage<?> domain) {
            record.put("sequence", domain.getSequenceNumber());
        } else {
            record.putNull("sequence");
        }
        Instant occurredAt = payload instanceof LedgerEvent ledgerEvent ? ledgerEvent.occurredAt() : event.getTimestamp();
        record.put("occurredAt", occurredAt == null ? null : occurredAt.toString());
        record.set("payload", json.valueToTree(payload));
        KafkaSends.await(kafka.send(new ProducerRecord<>(eventsTopic, aggregateId.getBytes(StandardCharsets.UTF_8),
                json.writeValueAsBytes(record))), sendTimeout);
    }
}

package com.quotaledger.api.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.decision.LedgerEvent;
import com.quotaledger.readmodels.ReadModels;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.kafka.core.KafkaOperations;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Publishes every stored event to the events topic, keyed by its aggregate. The event store is the outbox: this runs
 * in a streaming processor of its own whose token lives in the same database, and a batch of events is sent when its
 * transaction is about to commit, each send acknowledged by the broker before the next, so the token never moves past
 * an event that is not on the topic. A failed send fails the batch, which is tried again from the same token: events
 * go out at least once, in order per aggregate.
 * <p>
 * An event can be read as soon as it is committed; on a store that makes commits durable only at a checkpoint, the
 * batch first waits for the next one, so that nothing reaches the topic that a killed process would take back.
 */
@ProcessingGroup(LedgerEventPublisher.PROCESSING_GROUP)
class LedgerEventPublisher {

    static final String PROCESSING_GROUP = "kafka-publisher";

    private final KafkaOperations<byte[], byte[]> kafka;
    private final GroupCommit commits;
    private final ObjectMapper json;
    private final String eventsTopic;
    private final Duration sendTimeout;

    LedgerEventPublisher(KafkaOperations<byte[], byte[]> kafka, GroupCommit commits, ObjectMapper json,
                         KafkaBridgeProperties properties) {
        this.kafka = kafka;
        this.commits = commits;
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
        ProducerRecord<byte[], byte[]> send = new ProducerRecord<>(eventsTopic,
                aggregateId.getBytes(StandardCharsets.UTF_8), json.writeValueAsBytes(record));
        ReadModels.inBatch(PROCESSING_GROUP, Sends::new, sends -> sends.records.add(send));
    }

    private void awaitDurable() {
        try {
            commits.whenDurable().get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the events to be durable", interrupted);
        } catch (ExecutionException | TimeoutException notDurable) {
            throw new IllegalStateException("the events could not be made durable; they are sent later", notDurable);
        }
    }

    /** The records of one batch of events, sent once the batch's events are durable. */
    private final class Sends implements Runnable {

        private final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();

        @Override
        public void run() {
            awaitDurable();
            records.forEach(record -> KafkaSends.await(kafka.send(record), sendTimeout));
        }
    }
}

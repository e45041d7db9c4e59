package com.quotaledger.ledger;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory event storage that keeps what a database would: events and snapshots as the storage serializer
 * writes them, so everything read back has been through JSON. Axon's event store falls back to a full replay when
 * a snapshot cannot be read, and its snapshotter only logs a failure; this storage remembers such failures so that
 * a test can tell.
 */
public final class JsonStorageEngine extends InMemoryEventStorageEngine {

    private record StoredSnapshot(String type, long sequenceNumber, SerializedObject<String> payload) {
    }

    private final Serializer serializer;
    private final Map<String, StoredSnapshot> snapshots = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final AtomicInteger snapshotsRead = new AtomicInteger();

    public JsonStorageEngine(Serializer serializer) {
        this.serializer = serializer;
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        super.appendEvents(events.stream().map(this::throughJson).toList());
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        try {
            snapshots.put(snapshot.getAggregateIdentifier(), new StoredSnapshot(snapshot.getType(),
                    snapshot.getSequenceNumber(), serializer.serialize(snapshot.getPayload(), String.class)));
        } catch (RuntimeException e) {
            failures.add(e);
            throw e;
        }
    }

    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        StoredSnapshot stored = snapshots.get(aggregateIdentifier);
        if (stored == null) {
            return Optional.empty();
        }
        try {
            Object payload = serializer.deserialize(stored.payload());
            snapshotsRead.incrementAndGet();
            return Optional.of(new GenericDomainEventMessage<>(stored.type(), aggregateIdentifier,
                    stored.sequenceNumber(), payload));
        } catch (RuntimeException e) {
            failures.add(e);
            throw e;
        }
    }

    /** An aggregate's events with their metadata, as read back from storage. */
    public List<DomainEventMessage<?>> events(String aggregateIdentifier) {
        return readEvents(aggregateIdentifier, 0).asStream().<DomainEventMessage<?>>map(event -> event).toList();
    }

    /** The payloads of an aggregate's events, as read back from storage. */
    public List<Object> eventPayloads(String aggregateIdentifier) {
        return readEvents(aggregateIdentifier, 0).asStream().map(event -> (Object) event.getPayload()).toList();
    }

    public Optional<String> snapshotJson(String aggregateIdentifier) {
        return Optional.ofNullable(snapshots.get(aggregateIdentifier)).map(stored -> stored.payload().getData());
    }

    public OptionalLong snapshotSequenceNumber(String aggregateIdentifier) {
        StoredSnapshot stored = snapshots.get(aggregateIdentifier);
        return stored == null ? OptionalLong.empty() : OptionalLong.of(stored.sequenceNumber());
    }

    public int snapshotsRead() {
        return snapshotsRead.get();
    }

    public List<Throwable> failures() {
        return List.copyOf(failures);
    }

    private EventMessage<?> throughJson(EventMessage<?> message) {
        DomainEventMessage<?> event = (DomainEventMessage<?>) message;
        Object payload = serializer.deserialize(serializer.serialize(event.getPayload(), String.class));
        return new GenericDomainEventMessage<>(event.getType(), event.getAggregateIdentifier(),
                event.getSequenceNumber(), payload, event.getMetaData(), event.getIdentifier(), event.getTimestamp());
    }
}

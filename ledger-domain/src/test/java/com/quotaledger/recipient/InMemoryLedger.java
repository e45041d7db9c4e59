package com.quotaledger.recipient;

import com.quotaledger.policy.RedistributionPolicy;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.AggregateAnnotationCommandHandler;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;

import java.time.Clock;
import java.util.List;

/**
 * Recipients in a ledger wired from Axon's own parts the way the application wires them, without Spring or a
 * database: a command bus, an event-sourcing repository with a cache, a snapshotter, and storage that keeps events
 * and snapshots as JSON. Commands run through the recipient's real handlers; a recipient that is not cached is
 * rebuilt from its latest snapshot and the events after it.
 */
final class InMemoryLedger implements AutoCloseable {

    private final JsonStorageEngine storage = new JsonStorageEngine(StorageSerializer.create());
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final WeakReferenceCache cache = new WeakReferenceCache();
    private final AggregateSnapshotter snapshotter;
    private final CommandGateway commands;

    InMemoryLedger(Clock clock, RedistributionPolicy policy) {
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(RecipientEntity.class),
                new SimpleResourceParameterResolverFactory(List.of(clock, policy)));
        AggregateModel<RecipientEntity> model =
                AnnotatedAggregateMetaModelFactory.inspectAggregate(RecipientEntity.class, resolvers);
        GenericAggregateFactory<RecipientEntity> factory = new GenericAggregateFactory<>(model);
        EventSourcingRepository<RecipientEntity> repository = EventSourcingRepository.builder(RecipientEntity.class)
                .aggregateModel(model)
                .aggregateFactory(factory)
                .eventStore(eventStore)
                .cache(cache)
                .build();
        snapshotter = AggregateSnapshotter.builder()
                .eventStore(eventStore)
                .aggregateFactories(factory)
                .parameterResolverFactory(resolvers)
                .build();
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<RecipientEntity>builder()
                .aggregateType(RecipientEntity.class)
                .aggregateModel(model)
                .repository(repository)
                .build()
                .subscribe(commandBus);
        commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    <R> R send(Object command) {
        return commands.sendAndWait(command);
    }

    /** Snapshots the recipient now, as the snapshot trigger would after enough events. */
    void snapshot(String recipientId) {
        snapshotter.scheduleSnapshot(RecipientEntity.class, recipientId);
    }

    /** Forgets every cached recipient, as a restart or the garbage collector would. */
    void forgetCachedRecipients() {
        cache.removeAll();
    }

    long lastSequenceNumber(String recipientId) {
        return eventStore.lastSequenceNumberFor(recipientId).orElseThrow();
    }

    JsonStorageEngine storage() {
        return storage;
    }

    @Override
    public void close() {
        eventStore.shutDown();
    }
}

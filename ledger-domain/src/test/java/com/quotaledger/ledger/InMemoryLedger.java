package com.quotaledger.ledger;

import com.quotaledger.caching.BoundedCache;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.person.Person;
import com.quotaledger.person.PersonCommandHandlers;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.policy.TermsPolicy;
import com.quotaledger.recipient.RecipientEntity;
import com.quotaledger.terms.RecordedTermsVersions;
import com.quotaledger.terms.TermsCatalog;
import com.quotaledger.terms.api.PublishTermsVersionCommand;
import com.quotaledger.terms.api.WithdrawTermsVersionCommand;
import org.axonframework.commandhandling.AnnotationCommandHandlerAdapter;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
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
import java.time.Duration;
import java.util.List;

/**
 * Recipients and persons in a ledger wired from Axon's own parts the way the application wires them, without Spring
 * or a database: one command bus, an event-sourcing repository per aggregate type sharing one cache, the handlers of
 * the commands that span a person and an entity, a snapshotter, and storage that keeps events and snapshots as JSON.
 * Commands run through the real handlers, on the calling thread, under the repositories' locks; an aggregate that is
 * not cached is rebuilt from its latest snapshot and the events after it.
 */
public final class InMemoryLedger implements AutoCloseable {

    private final JsonStorageEngine storage = new JsonStorageEngine(StorageSerializer.create());
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder().storageEngine(storage).build();
    private final BoundedCache cache = new BoundedCache(10_000);
    private final AggregateSnapshotter snapshotter;
    private final RecordedTermsVersions terms;
    private final CommandGateway commands;

    public InMemoryLedger(Clock clock, RedistributionPolicy policy) {
        this(clock, policy, ObjectExportPolicy.defaults());
    }

    public InMemoryLedger(Clock clock, RedistributionPolicy policy, ObjectExportPolicy objectExportPolicy) {
        this(clock, policy, objectExportPolicy, TermsPolicy.defaults());
    }

    /**
     * The terms versions recorded are read back as the application reads them, except that this ledger reads them
     * again only after a version is recorded: it is the only node.
     */
    public InMemoryLedger(Clock clock, RedistributionPolicy policy, ObjectExportPolicy objectExportPolicy,
                          TermsPolicy termsPolicy) {
        terms = new RecordedTermsVersions(() -> eventStore, termsPolicy, Duration.ofDays(365), System::nanoTime);
        ParameterResolverFactory resolvers = MultiParameterResolverFactory.ordered(
                ClasspathParameterResolverFactory.forClass(RecipientEntity.class),
                new SimpleResourceParameterResolverFactory(
                        List.of(clock, policy, objectExportPolicy, termsPolicy, terms)));
        AggregateModel<RecipientEntity> recipientModel =
                AnnotatedAggregateMetaModelFactory.inspectAggregate(RecipientEntity.class, resolvers);
        AggregateModel<Person> personModel =
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Person.class, resolvers);
        GenericAggregateFactory<RecipientEntity> recipientFactory = new GenericAggregateFactory<>(recipientModel);
        GenericAggregateFactory<Person> personFactory = new GenericAggregateFactory<>(personModel);
        EventSourcingRepository<RecipientEntity> recipients = EventSourcingRepository.builder(RecipientEntity.class)
                .aggregateModel(recipientModel)
                .aggregateFactory(recipientFactory)
                .eventStore(eventStore)
                .cache(cache)
                .build();
        EventSourcingRepository<Person> persons = EventSourcingRepository.builder(Person.class)
                .aggregateModel(personModel)
                .aggregateFactory(personFactory)
                .eventStore(eventStore)
                .cache(cache)
                .build();
        snapshotter = AggregateSnapshotter.builder()
                .eventStore(eventStore)
                .aggregateFactories(recipientFactory, personFactory)
                .parameterResolverFactory(resolvers)
                .build();

        CommandBus commandBus = SimpleCommandBus.builder().build();
        AggregateAnnotationCommandHandler.<RecipientEntity>builder()
                .aggregateType(RecipientEntity.class)
                .aggregateModel(recipientModel)
                .repository(recipients)
                .build()
                .subscribe(commandBus);
        AggregateModel<TermsCatalog> catalogModel =
                AnnotatedAggregateMetaModelFactory.inspectAggregate(TermsCatalog.class, resolvers);
        AggregateAnnotationCommandHandler.<TermsCatalog>builder()
                .aggregateType(TermsCatalog.class)
                .aggregateModel(catalogModel)
                .repository(EventSourcingRepository.builder(TermsCatalog.class)
                        .aggregateModel(catalogModel)
                        .aggregateFactory(new GenericAggregateFactory<>(catalogModel))
                        .eventStore(eventStore)
                        .build())
                .build()
                .subscribe(commandBus);
        AggregateAnnotationCommandHandler.<Person>builder()
                .aggregateType(Person.class)
                .aggregateModel(personModel)
                .repository(persons)
                .build()
                .subscribe(commandBus);
        new AnnotationCommandHandlerAdapter<>(
                new PersonCommandHandlers(persons, recipients, clock, objectExportPolicy, terms), resolvers)
                .subscribe(commandBus);
        commands = DefaultCommandGateway.builder().commandBus(commandBus).build();
    }

    /** Sends a command and waits for its result; a handler's exception is thrown as it was thrown. */
    public <R> R send(Object command) {
        try {
            return commands.sendAndWait(command);
        } finally {
            if (command instanceof PublishTermsVersionCommand || command instanceof WithdrawTermsVersionCommand) {
                terms.refreshNow();
            }
        }
    }

    /** Snapshots the recipient now, as the snapshot trigger would after enough events. */
    public void snapshotRecipient(String recipientId) {
        snapshotter.scheduleSnapshot(RecipientEntity.class, recipientId);
    }

    /** Snapshots the person now, as the snapshot trigger would after enough events. */
    public void snapshotPerson(String personId) {
        snapshotter.scheduleSnapshot(Person.class, PersonIds.aggregateId(personId));
    }

    /** Forgets every cached recipient and person, as a restart would. */
    public void forgetCachedAggregates() {
        cache.removeAll();
    }

    /** The sequence number of an aggregate's latest event: a recipient's id, or a person's aggregate id. */
    public long lastSequenceNumber(String aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId).orElseThrow();
    }

    public JsonStorageEngine storage() {
        return storage;
    }

    @Override
    public void close() {
        eventStore.shutDown();
    }
}

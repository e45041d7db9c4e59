package com.quotaledger.api.config;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.quotaledger.api.storage.CachedSnapshots;
import com.quotaledger.api.storage.GroupedEventStorage;
import com.quotaledger.audit.Actors;
import com.quotaledger.caching.LeastRecentlyUsedCache;
import com.quotaledger.person.Person;
import com.quotaledger.person.PersonCommandHandlers;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.policy.TermsPolicy;
import com.quotaledger.readmodels.ReadModelFailures;
import com.quotaledger.readmodels.ReadModels;
import com.quotaledger.recipient.RecipientEntity;
import com.quotaledger.requests.RequestLog;
import com.quotaledger.terms.RecordedTermsVersions;
import com.quotaledger.terms.TermsCatalog;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Axon on the ledger's own database: the JDBC event store with the schema that the Flyway migrations create,
 * Jackson for events and snapshots, and the recipient aggregate with its cache and snapshots.
 */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /**
     * SQLSTATEs of a write that conflicted with another transaction's: a unique key violation (the same on H2 and
     * PostgreSQL), and PostgreSQL's deadlock and serialization failures, which two nodes' command groups
     * writing to the same aggregates in different orders can meet.
     */
    private static final Set<String> CONFLICTS = Set.of("23505", "40P01", "40001");

    /**
     * Events and snapshots as JSON. This mapper is the storage's own: it tolerates fields it does not know, so an
     * older build can still read what a newer one wrote, unlike the strict mapper that reads API requests.
     */
    @Bean
    @Primary
    Serializer serializer() {
        ObjectMapper storageMapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return JacksonSerializer.builder().objectMapper(storageMapper).build();
    }

    /**
     * Events and snapshots in the JDBC tables of the Flyway migrations, built as Axon's own configuration builds it
     * (which it stops doing once the ledger declares its own event store, below), with the request log beside them
     * and a group's events held back until the group writes them all at once.
     */
    @Bean
    GroupedEventStorage eventStorageEngine(Serializer serializer,
                                           @Qualifier("eventSerializer") Serializer eventSerializer,
                                           PersistenceExceptionResolver persistenceExceptionResolver,
                                           org.axonframework.config.Configuration axon,
                                           ConnectionProvider connectionProvider,
                                           TransactionManager transactionManager,
                                           EventSchema eventSchema,
                                           RequestLog requestLog,
                                           JdbcTemplate jdbc,
                                           PlatformTransactionManager transactions) {
        JdbcEventStorageEngine stored = JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .build();
        return new GroupedEventStorage(stored, requestLog, jdbc, new TransactionTemplate(transactions),
                EmbeddedStore.commitsOnlyAtCheckpoints(jdbc));
    }

    /**
     * Snapshots written from the cached aggregates once their events are committed, instead of by Axon's snapshotter,
     * which would read and apply every event since the last snapshot again inside the deciding transaction.
     */
    @Bean
    CachedSnapshots cachedSnapshots(Cache aggregateCache, ObjectProvider<org.axonframework.config.Configuration> axon,
                                    GroupedEventStorage storage, PlatformTransactionManager transactions) {
        return new CachedSnapshots(aggregateCache, axon::getObject, storage, new TransactionTemplate(transactions));
    }

    /**
     * Axon's command bus, as Axon's own configuration builds it, but without a transaction of its own around each
     * command: the commands' group owns the transaction (see {@code com.quotaledger.api.commands.GroupCommit}), and
     * a command that failed would otherwise mark the whole group's transaction for rollback.
     */
    @Bean
    @Qualifier("localSegment")
    SimpleCommandBus commandBus(org.axonframework.config.Configuration axon,
                                DuplicateCommandHandlerResolver duplicateCommandHandlerResolver) {
        SimpleCommandBus commandBus = SimpleCommandBus.builder()
                .transactionManager(NoTransactionManager.INSTANCE)
                .duplicateCommandHandlerResolver(duplicateCommandHandlerResolver)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus"))
                .build();
        commandBus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return commandBus;
    }

    /** Axon's embedded event store, as Axon's own configuration builds it, waking the read models after commits. */
    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon) {
        return new AfterCommitEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(axon.getComponent(EventBusSpanFactory.class)));
    }

    /**
     * Connections from Spring's transaction, committed and rolled back by Spring alone. Axon's default wraps this
     * provider in one that also rolls the connection back when a unit of work fails. A command taken in a group
     * (see {@code com.quotaledger.api.commands.GroupCommit}) that failed would then roll back the whole group's
     * transaction, the commands before it included.
     */
    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("claimed_at")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Positions of the streaming processors, claimed segment by segment under this node's name, so that nodes sharing
     * the store share the work and a dead node's segments pass to the others once its claims time out.
     */
    @Bean
    TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema tokenSchema,
                          TokenStoreProperties tokenStoreProperties, LedgerProperties properties) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .schema(tokenSchema)
                .serializer(serializer)
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .nodeId(properties.node())
                .build();
    }

    /**
     * Recognises a duplicate (aggregate, sequence) on every database we run on, so that a decision taken on stale
     * state fails as a concurrency conflict and is taken again on fresh state. Axon's default only knows the JDBC
     * exception class that PostgreSQL's driver does not throw. A deadlock between two nodes is such a conflict too:
     * the victim's savepoint is rolled back and its command sent again.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && sql.getSQLState() != null
                        && CONFLICTS.contains(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }

    @Bean
    RedistributionPolicy redistributionPolicy(LedgerProperties properties) {
        return properties.policy().toRedistributionPolicy();
    }

    @Bean
    ObjectExportPolicy objectExportPolicy(LedgerProperties properties) {
        return properties.policy().toObjectExportPolicy();
    }

    @Bean
    TermsPolicy termsPolicy(LedgerProperties properties) {
        return properties.policy().toTermsPolicy();
    }

    /** The versions decisions hold accepted terms against: configured, and recorded on any node. */
    @Bean
    RecordedTermsVersions termsInForce(ObjectProvider<EventStore> eventStore, TermsPolicy termsPolicy,
                                       LedgerProperties properties) {
        return new RecordedTermsVersions(eventStore::getObject, termsPolicy,
                properties.policy().terms().refreshInterval(), System::nanoTime);
    }

    /**
     * Aggregates stay in memory between commands, up to a count. A node never trusts a cached aggregate past a
     * conflict (Axon evicts it when its unit of work rolls back), nor one that another node has changed since
     * ({@link CheckedCachingRepository}).
     */
    @Bean
    Cache aggregateCache(LedgerProperties properties) {
        return new LeastRecentlyUsedCache(properties.cache().aggregates());
    }

    /**
     * A bean, so that Axon's snapshotter finds how to build a recipient from its snapshot. Inspected with Spring's
     * parameter resolution, because the recipient's handlers take the ledger's clock and policy as parameters.
     */
    @Bean
    AggregateModel<RecipientEntity> recipientModel(ParameterResolverFactory parameterResolverFactory) {
        return AnnotatedAggregateMetaModelFactory.inspectAggregate(RecipientEntity.class, parameterResolverFactory);
    }

    @Bean
    AggregateFactory<RecipientEntity> recipientFactory(AggregateModel<RecipientEntity> recipientModel) {
        return new GenericAggregateFactory<>(recipientModel);
    }

    @Bean
    AggregateFactory<Person> personFactory(ParameterResolverFactory parameterResolverFactory) {
        return new GenericAggregateFactory<>(
                AnnotatedAggregateMetaModelFactory.inspectAggregate(Person.class, parameterResolverFactory));
    }

    /**
     * Recipients and persons, each cached and snapshotted after a number of events, so that loading one does not
     * grow with its history; the handlers of the commands that span both; and the catalog of terms versions, which
     * has a few events a year and needs neither.
     */
    @Bean
    ConfigurerModule ledgerAggregates(Cache aggregateCache,
                                      AggregateFactory<RecipientEntity> recipientFactory,
                                      AggregateFactory<Person> personFactory,
                                      LedgerProperties properties,
                                      Clock clock,
                                      ObjectExportPolicy objectExportPolicy,
                                      RecordedTermsVersions termsInForce,
                                      ObjectProvider<GroupedEventStorage> storage,
                                      ObjectProvider<CachedSnapshots> snapshots,
                                      DataSourceProperties dataSource) {
        // Both are built from Axon's configuration, which is built from this module: they are asked for once in use.
        CommandTargets targets = new CommandTargets();
        SnapshotTriggerDefinition snapshotTrigger = new EventCountSnapshotTriggerDefinition(
                (type, aggregateId) -> snapshots.getObject().scheduleSnapshot(type, aggregateId),
                properties.snapshots().eventThreshold());
        boolean sharedStore = !EmbeddedStore.isPrivateToThisProcess(dataSource.getUrl());
        return configurer -> configurer
                .configureAggregate(cachedAndSnapshotted(RecipientEntity.class, recipientFactory, aggregateCache,
                        snapshotTrigger, storage::getObject, sharedStore).configureCommandTargetResolver(c -> targets))
                .configureAggregate(cachedAndSnapshotted(Person.class, personFactory, aggregateCache,
                        snapshotTrigger, storage::getObject, sharedStore).configureCommandTargetResolver(c -> targets))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(TermsCatalog.class))
                .registerCommandHandler(config -> new PersonCommandHandlers(config.repository(Person.class),
                        config.repository(RecipientEntity.class), clock, objectExportPolicy, termsInForce));
    }

    /**
     * An aggregate cached and snapshotted, whose cached copies are checked before use against the group's held-back
     * events and, on a store that other nodes share, against the store ({@link CheckedCachingRepository}).
     */
    private static <A> AggregateConfigurer<A> cachedAndSnapshotted(Class<A> type, AggregateFactory<A> factory,
                                                                  Cache cache,
                                                                  SnapshotTriggerDefinition snapshotTrigger,
                                                                  Supplier<GroupedEventStorage> storage,
                                                                  boolean sharedStore) {
        return AggregateConfigurer.defaultConfiguration(type)
                .configureAggregateFactory(config -> factory)
                .configureRepository(config -> {
                    EventSourcingRepository.Builder<A> repository = EventSourcingRepository.builder(type)
                            .aggregateModel(AnnotatedAggregateMetaModelFactory.inspectAggregate(type,
                                    config.parameterResolverFactory(), config.handlerDefinition(type)))
                            .aggregateFactory(factory)
                            .snapshotTriggerDefinition(snapshotTrigger)
                            .repositoryProvider(config::repository)
                            .spanFactory(config.getComponent(RepositorySpanFactory.class))
                            .eventStore(config.eventStore());
                    return new CheckedCachingRepository<>(repository, cache, storage.get(), sharedStore);
                });
    }

    /** Every event carries the actor of the command that caused it, besides Axon's trace and correlation ids. */
    @Bean
    CorrelationDataProvider traceCorrelation() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actors.ACTOR);
    }

    /**
     * Read models are fed by pooled streaming processors whose tokens live in the same database, so a read model and
     * its position commit together. Segments let several nodes share the work. An event a read model cannot write
     * stops its segment, which tries it again after a back-off ({@link ReadModelFailures}).
     */
    @Bean
    ConfigurerModule readModelProcessors(LedgerProperties properties, ReadModelFailures failures) {
        LedgerProperties.Projections projections = properties.projections();
        return configurer -> configurer.eventProcessing()
                .usingPooledStreamingEventProcessors((config, builder) -> builder
                        .initialSegmentCount(projections.segments())
                        .maxClaimedSegments(projections.segmentsPerNode())
                        .batchSize(projections.batchSize()))
                .registerListenerInvocationErrorHandler(ReadModels.PROCESSING_GROUP,
                        config -> PropagatingErrorHandler.instance())
                .registerErrorHandler(ReadModels.PROCESSING_GROUP, config -> failures);
    }
}

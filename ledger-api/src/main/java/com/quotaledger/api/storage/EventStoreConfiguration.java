package com.quotaledger.api.storage;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.quotaledger.api.config.EmbeddedStore;
import com.quotaledger.requests.RequestLog;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.util.Set;

/**
 * The event store on the ledger's own database: the JDBC tables that the Flyway migrations create, Jackson for events
 * and snapshots, the request log beside them, and a group's events held back until the group writes them at once.
 */
@Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

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
                                    GroupedEventStorage storage, SnapshotHistory snapshotHistory,
                                    PlatformTransactionManager transactions) {
        return new CachedSnapshots(aggregateCache, axon::getObject, storage, snapshotHistory,
                new TransactionTemplate(transactions));
    }

    /** Earlier snapshots, one a day at most, for states as of past instants. */
    @Bean
    SnapshotHistory snapshotHistory(JdbcTemplate jdbc, Serializer serializer, GroupedEventStorage storage) {
        return new SnapshotHistory(jdbc, serializer, storage);
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
}

package com.quotaledger.api.aggregates;

import com.quotaledger.api.config.EmbeddedStore;
import com.quotaledger.api.config.LedgerProperties;
import com.quotaledger.api.storage.CachedSnapshots;
import com.quotaledger.api.storage.GroupedEventStorage;
import com.quotaledger.caching.BoundedCache;
import com.quotaledger.person.Person;
import com.quotaledger.person.PersonCommandHandlers;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.recipient.RecipientEntity;
import com.quotaledger.terms.RecordedTermsVersions;
import com.quotaledger.terms.TermsCatalog;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventsourcing.AggregateFactory;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.RepositorySpanFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.function.Supplier;

/**
 * The aggregates: recipients and persons cached and snapshotted, the handlers of commands that span both, and the
 * catalog of terms versions.
 */
@Configuration(proxyBeanMethods = false)
class AggregatesConfiguration {

    /**
     * Aggregates stay in memory between commands, up to a count. A node never trusts a cached aggregate past a
     * conflict (Axon evicts it when its unit of work rolls back), nor one that another node has changed since
     * ({@link CheckedCachingRepository}).
     */
    @Bean
    Cache aggregateCache(LedgerProperties properties) {
        return new BoundedCache(properties.cache().aggregates());
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
}

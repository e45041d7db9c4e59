package com.quotaledger.api.commands;

import com.quotaledger.audit.Actors;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command bus that every command of the ledger passes, and what each event it causes records of its origin.
 */
@Configuration(proxyBeanMethods = false)
class CommandBusConfiguration {

    /**
     * Axon's command bus, as Axon's own configuration builds it, but without a transaction of its own around each
     * command: the commands' group owns the transaction (see {@link GroupCommit}), and
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

    /** Every event carries the actor of the command that caused it, besides Axon's trace and correlation ids. */
    @Bean
    CorrelationDataProvider traceCorrelation() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actors.ACTOR);
    }
}

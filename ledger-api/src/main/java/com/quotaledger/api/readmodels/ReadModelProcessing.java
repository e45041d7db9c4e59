package com.quotaledger.api.readmodels;

import com.quotaledger.api.config.LedgerProperties;
import com.quotaledger.readmodels.ReadModelFailures;
import com.quotaledger.readmodels.ReadModels;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The processors that feed the read models, and where they keep their positions. */
@Configuration(proxyBeanMethods = false)
class ReadModelProcessing {

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

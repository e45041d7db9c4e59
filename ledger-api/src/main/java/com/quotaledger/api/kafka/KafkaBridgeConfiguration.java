package com.quotaledger.api.kafka;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.person.ObjectExportDecisions;
import com.quotaledger.api.security.BearerCredentials;
import com.quotaledger.api.reservation.ReservationDecisions;
import com.quotaledger.api.share.ShareDecisions;
import jakarta.validation.Validator;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Kafka bridge, when {@code ledger.kafka.enabled=true}: requests in from the requests topic, decisions out to the
 * decisions topic, undecidable requests to the dead-letter topic, and every stored event to the events topic.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ledger.kafka.enabled", havingValue = "true")
class KafkaBridgeConfiguration {

    static final String DLT_REASON = "ledger-dlt-reason";
    static final String DLT_DETAIL = "ledger-dlt-detail";

    /** Keys and values stay bytes: a dead letter must be the record exactly as it came, whatever its encoding. */
    @Bean
    KafkaTemplate<byte[], byte[]> ledgerKafkaTemplate(KafkaProperties kafka) {
        Map<String, Object> producer = kafka.buildProducerProperties();
        // Nothing counts as published until every in-sync replica has it, and a retried send is never duplicated.
        producer.put(ProducerConfig.ACKS_CONFIG, "all");
        producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer,
                new ByteArraySerializer(), new ByteArraySerializer()));
    }

    @Bean
    RequestEndpoints requestEndpoints(ObjectMapper json, Validator validator, ShareDecisions shares,
                                      ObjectExportDecisions exports, ReservationDecisions reservations,
                                      BearerCredentials credentials) {
        return new RequestEndpoints(json, validator, shares, exports, reservations, credentials);
    }

    /**
     * A request that cannot be decided goes to the dead-letter topic at once, with its key, value and headers (all but
     * the credential, which no reader of dead letters is to see) and the reason; anything else (the database or the
     * broker briefly away) is tried again with back-off, on the same record, so that the partition's order holds.
     * There is no last try: a decidable request is decided, never dead-lettered for a failure that was not its own.
     */
    @Bean
    DefaultErrorHandler requestsErrorHandler(KafkaTemplate<byte[], byte[]> ledgerKafkaTemplate,
                                             KafkaBridgeProperties properties) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(ledgerKafkaTemplate,
                (record, failure) -> new TopicPartition(properties.deadLetterTopic(), -1)) {
            @Override
            protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
                                                                          TopicPartition topicPartition,
                                                                          Headers headers, byte[] key, byte[] value) {
                // in any spelling: a producer that wrote "authorization" was refused, but its secret is still one
                for (Header header : headers.toArray()) {
                    if (header.key().equalsIgnoreCase(KafkaRequests.AUTHORIZATION)) {
                        headers.remove(header.key());
                    }
                }
                return super.createProducerRecord(record, topicPartition, headers, key, value);
            }
        };
        deadLetters.setWaitForSendResultTimeout(properties.sendTimeout());
        deadLetters.setHeadersFunction((record, failure) -> {
            RecordHeaders headers = new RecordHeaders();
            if (undecidable(failure) instanceof UndecidableRequest undecidable) {
                headers.add(DLT_REASON, undecidable.reason().getBytes(StandardCharsets.UTF_8));
                headers.add(DLT_DETAIL, undecidable.getMessage().getBytes(StandardCharsets.UTF_8));
            } else {
                headers.add(DLT_REASON, "NOT_DECIDABLE".getBytes(StandardCharsets.UTF_8));
                headers.add(DLT_DETAIL, String.valueOf(failure.getMessage()).getBytes(StandardCharsets.UTF_8));
            }
            return headers;
        });
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retryMaxInterval().toMillis());
        DefaultErrorHandler errorHandler = new DefaultErrorHandler(deadLetters, backOff);
        errorHandler.addNotRetryableExceptions(UndecidableRequest.class);
        return errorHandler;
    }

    @Bean
    KafkaRequests kafkaRequests(RequestEndpoints endpoints, KafkaTemplate<byte[], byte[]> ledgerKafkaTemplate,
                                ObjectMapper json, KafkaBridgeProperties properties) {
        return new KafkaRequests(endpoints, ledgerKafkaTemplate, json, properties);
    }

    @Bean
    ConcurrentMessageListenerContainer<byte[], byte[]> requestsContainer(KafkaProperties kafka,
                                                                         KafkaBridgeProperties properties,
                                                                         KafkaRequests kafkaRequests,
                                                                         DefaultErrorHandler requestsErrorHandler) {
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, properties.groupId());
        consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumer.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        ContainerProperties container = new ContainerProperties(properties.requestsTopic());
        // A batch's offsets are committed after the listener returns, which is after its decisions are stored and
        // published; a batch that ends early at a failed record commits the records before it (the error handler).
        container.setAckMode(ContainerProperties.AckMode.BATCH);
        container.setMessageListener(kafkaRequests);
        ConcurrentMessageListenerContainer<byte[], byte[]> requests = new ConcurrentMessageListenerContainer<>(
                new DefaultKafkaConsumerFactory<>(consumer, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                container);
        requests.setConcurrency(properties.concurrency());
        requests.setCommonErrorHandler(requestsErrorHandler);
        requests.setBeanName("ledgerRequests");
        return requests;
    }

    @Bean
    LedgerEventPublisher ledgerEventPublisher(KafkaTemplate<byte[], byte[]> ledgerKafkaTemplate, GroupCommit commits,
                                              ObjectMapper json,
                                              KafkaBridgeProperties properties) {
        return new LedgerEventPublisher(ledgerKafkaTemplate, commits, json, properties);
    }

    /**
     * A failed publication must stop the publisher where it is instead of being logged and skipped: the processor
     * then tries the batch again, from its stored token, after a back-off.
     */
    @Bean
    ConfigurerModule kafkaPublisherStopsOnFailure() {
        return configurer -> configurer.eventProcessing().registerListenerInvocationErrorHandler(
                LedgerEventPublisher.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }

    private static Throwable undecidable(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UndecidableRequest) {
                return cause;
            }
        }
        return failure;
    }
}

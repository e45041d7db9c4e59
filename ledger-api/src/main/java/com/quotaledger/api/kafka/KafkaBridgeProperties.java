package com.quotaledger.api.kafka;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The Kafka bridge, under {@code ledger.kafka.*}: off unless enabled, so the embedded ledger runs without a broker.
 * The broker itself is {@code spring.kafka.bootstrap-servers}.
 *
 * @param enabled              whether requests are read from Kafka and decisions and events written to it
 * @param requestsTopic        where share and export requests come in
 * @param decisionsTopic       where each request's decision goes, keyed like the request
 * @param deadLetterTopic      where a request that cannot be decided goes, with the reason in its headers
 * @param eventsTopic          where every stored event goes, keyed by its aggregate
 * @param groupId              the consumer group of the ledger's nodes
 * @param concurrency          consumers per node; each partition is read by one of them, in order
 * @param sendTimeout          how long a send may wait for the broker's acknowledgement before it counts as failed
 * @param retryInitialInterval the first wait before a request that failed for a transient reason is tried again
 * @param retryMaxInterval     the longest wait between two tries; a decidable request is tried until it is decided
 */
@Validated
@ConfigurationProperties("ledger.kafka")
public record KafkaBridgeProperties(@DefaultValue("false") boolean enabled,
                                    @DefaultValue("ledger.requests") @NotBlank String requestsTopic,
                                    @DefaultValue("ledger.decisions") @NotBlank String decisionsTopic,
                                    @DefaultValue("ledger.requests.DLT") @NotBlank String deadLetterTopic,
                                    @DefaultValue("ledger.events") @NotBlank String eventsTopic,
                                    @DefaultValue("quota-ledger") @NotBlank String groupId,
                                    @DefaultValue("1") @Min(1) @Max(64) int concurrency,
                                    @DefaultValue("PT30S") @NotNull Duration sendTimeout,
                                    @DefaultValue("PT0.5S") @NotNull Duration retryInitialInterval,
                                    @DefaultValue("PT30S") @NotNull Duration retryMaxInterval) {
}

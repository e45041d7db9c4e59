package com.quotaledger.api.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.kafka.RequestEndpoints.Decided;
import com.quotaledger.api.web.ApiProblem;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.support.SendResult;
import org.springframework.security.core.context.SecurityContextHolder;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Decides each polled batch of request records and publishes their decisions, keyed like the requests.
 * <p>
 * The records of a batch are submitted to the commands' groups all at once, in their order, so that the batch is
 * decided in one group or a few rather than one group per record; each key's records form a sequence, decided in
 * their order, that stops at its first failure. Their decisions are then sent together, and the batch's offsets are
 * committed, after the listener returns, only once every decision is stored and the broker has acknowledged its
 * publication. A record delivered again is decided again, which answers the stored decision and counts nothing twice.
 * <p>
 * The first record that could not be decided or published ends the batch there: the records before it are committed,
 * it goes to the error handler (the dead-letter topic if it is undecidable, else tried again), and the records after
 * it are delivered again. A key stops at its first failure, so none of its later records is decided before it.
 */
class KafkaRequests implements BatchMessageListener<byte[], byte[]> {

    private static final Logger log = LoggerFactory.getLogger(KafkaRequests.class);

    /**
     * The record header with the producer's credential, as over HTTP: {@code Bearer <token>}. Whoever may write to the
     * requests topic acts only as the token it sends.
     */
    static final String AUTHORIZATION = "Authorization";

    /** The response headers a REST client reads besides the body, carried over as record headers. */
    private static final List<String> DECISION_HEADERS = List.of("Retry-After", "RateLimit-Policy", "RateLimit");

    private final RequestEndpoints endpoints;
    private final KafkaOperations<byte[], byte[]> kafka;
    private final ObjectMapper json;
    private final String decisionsTopic;
    private final Duration sendTimeout;

    KafkaRequests(RequestEndpoints endpoints, KafkaOperations<byte[], byte[]> kafka, ObjectMapper json,
                  KafkaBridgeProperties properties) {
        this.endpoints = endpoints;
        this.kafka = kafka;
        this.json = json;
        this.decisionsTopic = properties.decisionsTopic();
        this.sendTimeout = properties.sendTimeout();
    }

    @Override
    public void onMessage(List<ConsumerRecord<byte[], byte[]>> requests) {
        List<CompletableFuture<Decided>> decisions = new ArrayList<>(requests.size());
        UndecidableRequest undecidable = submitInOrder(requests, decisions);
        List<CompletableFuture<SendResult<byte[], byte[]>>> sends = new ArrayList<>(decisions.size());
        for (int i = 0; i < decisions.size(); i++) {
            ConsumerRecord<byte[], byte[]> request = requests.get(i);
            Decided decided;
            try {
                decided = GroupCommit.await(decisions.get(i));
            } catch (RuntimeException notDecided) {
                awaitSends(requests, sends);
                throw new BatchListenerFailedException("request not decided", notDecided, request);
            }
            sends.add(kafka.send(decisionOf(request, decided)));
            log.debug("Request {} from {}-{}@{} decided {}", decided.body().path("requestId").asText(),
                    request.topic(), request.partition(), request.offset(), decided.status());
        }
        awaitSends(requests, sends);
        if (undecidable != null) {
            throw new BatchListenerFailedException("request not decidable", undecidable,
                    requests.get(decisions.size()));
        }
    }

    /**
     * Submits the records' decisions in order, each key's records in a sequence of their own, up to the first record
     * that is undecidable, which it returns (null if none is).
     */
    private UndecidableRequest submitInOrder(List<ConsumerRecord<byte[], byte[]>> requests,
                                             List<CompletableFuture<Decided>> decisions) {
        Map<ByteBuffer, GroupCommit.Sequence> byKey = new HashMap<>();
        try {
            for (ConsumerRecord<byte[], byte[]> request : requests) {
                byte[] key = request.key();
                GroupCommit.Sequence sequence = byKey.computeIfAbsent(
                        key == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(key),
                        ignored -> new GroupCommit.Sequence(failure -> !RequestEndpoints.isAnswer(failure)));
                try {
                    decisions.add(endpoints.submit(request.value(), authorization(request), sequence));
                } catch (UndecidableRequest undecidable) {
                    return undecidable;
                } catch (ApiProblem notNow) {
                    // the identity provider is out of reach: the batch ends at this record, which is tried again
                    decisions.add(CompletableFuture.failedFuture(notNow));
                    return null;
                }
            }
            return null;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static String authorization(ConsumerRecord<byte[], byte[]> request) {
        Header header = request.headers().lastHeader(AUTHORIZATION);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private ProducerRecord<byte[], byte[]> decisionOf(ConsumerRecord<byte[], byte[]> request, Decided decided) {
        RecordHeaders headers = new RecordHeaders();
        for (String name : DECISION_HEADERS) {
            String value = decided.headers().getFirst(name);
            if (value != null) {
                headers.add(name, value.getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            return new ProducerRecord<>(decisionsTopic, null, request.key(), json.writeValueAsBytes(decided.body()),
                    headers);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException("a decision could not be written as JSON", impossible);
        }
    }

    /** Waits for the sends in order; the first that fails ends the batch at its record. */
    private void awaitSends(List<ConsumerRecord<byte[], byte[]>> requests,
                            List<CompletableFuture<SendResult<byte[], byte[]>>> sends) {
        for (int i = 0; i < sends.size(); i++) {
            try {
                KafkaSends.await(sends.get(i), sendTimeout);
            } catch (RuntimeException unacknowledged) {
                throw new BatchListenerFailedException("decision not published", unacknowledged, requests.get(i));
            }
        }
    }
}

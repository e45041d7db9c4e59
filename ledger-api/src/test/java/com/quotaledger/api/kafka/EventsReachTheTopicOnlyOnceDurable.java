package com.quotaledger.api.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.commands.GroupWrites;
import com.quotaledger.requests.RequestLog.LoggedRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.axonframework.common.caching.NoCache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On a store that makes commits durable only at a checkpoint, an event can be read before it is durable. The
 * publisher must not send it before the checkpoint: a process killed in between would take back an event the topic
 * already carries.
 */
class EventsReachTheTopicOnlyOnceDurable {

    private final CheckpointOnDemand store = new CheckpointOnDemand();
    private final MockProducer<byte[], byte[]> broker =
            new MockProducer<>(true, new ByteArraySerializer(), new ByteArraySerializer());
    // no command runs here: the transaction manager is never asked for a connection
    private final GroupCommit commits = new GroupCommit(
            new DataSourceTransactionManager(new DriverManagerDataSource("jdbc:h2:mem:unused")), store, () -> {
    }, NoCache.INSTANCE, new SimpleMeterRegistry());
    private final LedgerEventPublisher publisher = new LedgerEventPublisher(
            new KafkaTemplate<>(new MockProducerFactory<>(() -> broker)), commits, new ObjectMapper(),
            new KafkaBridgeProperties(true, "ledger.requests", "ledger.decisions", "ledger.requests.DLT",
                    "ledger.events", "quota-ledger", 1, Duration.ofSeconds(10), Duration.ofMillis(500),
                    Duration.ofSeconds(30)));

    @AfterEach
    void stop() throws InterruptedException {
        store.checkpoints.release(100);
        commits.destroy();
    }

    @Test
    void aBatchIsSentAfterTheCheckpointThatFollowsIt() throws Exception {
        var event = new GenericDomainEventMessage<>("Recipient", "r1", 0, Map.of("recipientId", "r1"));
        CompletableFuture<Void> committed = CompletableFuture.runAsync(() -> {
            UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(event);
            batch.execute(() -> {
                try {
                    publisher.on(event.getPayload(), event);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            });
        });

        assertThat(store.checkpointAsked.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(committed).isNotDone();
        assertThat(broker.history()).as("sent before the checkpoint").isEmpty();

        store.checkpoints.release();
        committed.get(10, TimeUnit.SECONDS);
        assertThat(broker.history()).hasSize(1);
        assertThat(new String(broker.history().get(0).key())).isEqualTo("r1");
    }

    /** A store durable only at checkpoints, each of which waits until the test lets it through. */
    private static final class CheckpointOnDemand implements GroupWrites {

        final CountDownLatch checkpointAsked = new CountDownLatch(1);
        final Semaphore checkpoints = new Semaphore(0);

        @Override
        public boolean commitsOnlyAtCheckpoints() {
            return true;
        }

        @Override
        public void makeDurable(boolean toDisk) {
            if (toDisk) {
                return; // the periodic force to the disk plays no part here
            }
            checkpointAsked.countDown();
            checkpoints.acquireUninterruptibly();
        }

        @Override
        public void open(Collection<String> requestIds) {
        }

        @Override
        public Optional<LoggedRequest> decided(String requestId) {
            return Optional.empty();
        }

        @Override
        public void startCommand() {
        }

        @Override
        public Set<String> discardCommand() {
            return Set.of();
        }

        @Override
        public Set<String> pendingAggregates() {
            return Set.of();
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}

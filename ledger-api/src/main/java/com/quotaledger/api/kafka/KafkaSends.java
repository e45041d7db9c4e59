package com.quotaledger.api.kafka;

import org.springframework.kafka.KafkaException;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for the broker's acknowledgement of a send, so that nothing moves on before it is durable there. */
final class KafkaSends {

    private KafkaSends() {
    }

    static <T> T await(CompletableFuture<T> send, Duration timeout) {
        try {
            return send.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for the broker's acknowledgement", interrupted);
        } catch (ExecutionException failed) {
            throw new KafkaException("the broker did not acknowledge a send", failed.getCause());
        } catch (TimeoutException late) {
            throw new KafkaException("the broker did not acknowledge a send within " + timeout, late);
        }
    }
}

package com.quotaledger.api.commands;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Answers committed commands once their commit is durable. On a store that is durable when a commit returns, that is
 * at once. On one that writes commits to disk only at a checkpoint (the embedded H2 file), a thread of its own takes
 * every answer waiting, writes one checkpoint and then answers them, while the next groups commit: one checkpoint
 * covers as many groups as committed while the last one was written, so the busier the ledger, the fewer it writes
 * per decision.
 * <p>
 * A checkpoint hands its writes to the operating system, which keeps them when the process dies. Every
 * {@link #SYNC_INTERVAL} a second thread also forces them to the disk, busy or idle: the store reuses the space of data
 * it no longer needs only after it has been dead for a few seconds (see {@code EmbeddedStore}), which is safe only if
 * everything older than that is on the disk. It is a thread of its own because forcing the disk can take a hundred
 * milliseconds, which no answer should wait for.
 */
final class DurableAnswers {

    static final String THREAD_NAME = "ledger-checkpoints";
    static final String SYNC_THREAD_NAME = "ledger-disk-sync";

    static final Duration SYNC_INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(DurableAnswers.class);

    private final GroupWrites writes;
    /** A caller's answer, given once the commit it waits for is durable. */
    interface Answer {
        void give();

        void fail(Throwable failure);
    }

    private final BlockingQueue<Answer> waiting = new LinkedBlockingQueue<>();
    private final Answer stop = new Answer() {
        @Override
        public void give() {
        }

        @Override
        public void fail(Throwable failure) {
        }
    };
    private final Thread checkpoints;
    private final ScheduledExecutorService diskSync;
    private final Timer checkpointTimes;
    private final DistributionSummary answersPerCheckpoint;

    DurableAnswers(GroupWrites writes, MeterRegistry meters) {
        this.writes = writes;
        this.checkpointTimes = Timer.builder("ledger.checkpoints")
                .description("Checkpoints that made commits durable before their callers were answered")
                .register(meters);
        this.answersPerCheckpoint = DistributionSummary.builder("ledger.checkpoints.answers")
                .description("Callers answered after one checkpoint")
                .register(meters);
        if (writes.commitsOnlyAtCheckpoints()) {
            checkpoints = new Thread(this::answerAfterCheckpoints, THREAD_NAME);
            checkpoints.setDaemon(true);
            checkpoints.start();
            diskSync = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, SYNC_THREAD_NAME);
                thread.setDaemon(true);
                return thread;
            });
            diskSync.scheduleWithFixedDelay(this::forceToDisk, SYNC_INTERVAL.toNanos(), SYNC_INTERVAL.toNanos(),
                    TimeUnit.NANOSECONDS);
        } else {
            checkpoints = null;
            diskSync = null;
        }
    }

    /** Gives {@code answer} once everything committed before this call is durable. */
    void answer(Answer answer) {
        if (checkpoints == null) {
            answer.give();
        } else {
            waiting.add(answer);
        }
    }

    /** Completes once everything committed before this call is durable. */
    CompletableFuture<Void> whenDurable() {
        CompletableFuture<Void> durable = new CompletableFuture<>();
        answer(new Answer() {
            @Override
            public void give() {
                durable.complete(null);
            }

            @Override
            public void fail(Throwable failure) {
                durable.completeExceptionally(failure);
            }
        });
        return durable;
    }

    /** Answers what is waiting, then stops; waits a bounded time. */
    void stop(Duration wait) throws InterruptedException {
        if (checkpoints != null) {
            diskSync.shutdown();
            waiting.add(stop);
            checkpoints.join(wait.toMillis());
        }
    }

    private void forceToDisk() {
        try {
            writes.makeDurable(true);
        } catch (RuntimeException failure) {
            log.error("Forcing the store's writes to the disk failed; the next attempt is in {}", SYNC_INTERVAL, failure);
        }
    }

    private void answerAfterCheckpoints() {
        List<Answer> answers = new ArrayList<>();
        while (true) {
            try {
                answers.add(waiting.take());
            } catch (InterruptedException e) {
                continue; // only stop() ends this thread, so that no caller is left without an answer
            }
            waiting.drainTo(answers);
            boolean stopping = answers.remove(stop);
            try {
                long start = System.nanoTime();
                writes.makeDurable(false);
                checkpointTimes.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                answersPerCheckpoint.record(answers.size());
                answers.forEach(Answer::give);
            } catch (RuntimeException failure) {
                // Committed, and written by the store's own writer within its delay, so a retried request is answered
                // with its recorded decision; the callers only learn that this answer was not confirmed durable.
                log.error("A checkpoint failed; {} answers are given as failures", answers.size(), failure);
                answers.forEach(answer -> answer.fail(failure));
            }
            answers.clear();
            if (stopping) {
                return;
            }
        }
    }
}

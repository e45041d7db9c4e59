package com.quotaledger.api.commands;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Answers committed commands once their commit is durable. On a store that is durable when a commit returns, that is
 * at once. On one that writes commits to disk only at a checkpoint (the embedded H2 file), a thread of its own takes
 * every answer waiting, writes one checkpoint and then answers them, while the next groups commit: one checkpoint
 * covers as many groups as committed while the last one was written, so the busier the ledger, the fewer it writes
 * per decision.
 */
final class DurableAnswers {

    static final String THREAD_NAME = "ledger-checkpoints";

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

    DurableAnswers(GroupWrites writes) {
        this.writes = writes;
        if (writes.commitsOnlyAtCheckpoints()) {
            checkpoints = new Thread(this::answerAfterCheckpoints, THREAD_NAME);
            checkpoints.setDaemon(true);
            checkpoints.start();
        } else {
            checkpoints = null;
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

    /** Answers what is waiting, then stops; waits a bounded time. */
    void stop(Duration wait) throws InterruptedException {
        if (checkpoints != null) {
            waiting.add(stop);
            checkpoints.join(wait.toMillis());
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
                writes.makeDurable();
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

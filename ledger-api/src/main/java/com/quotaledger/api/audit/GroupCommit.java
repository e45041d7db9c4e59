package com.quotaledger.api.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.caching.Cache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * Commits commands in groups: every command that arrived while the previous group was committing is taken in one
 * database transaction, so the store writes its changed pages once for the group instead of once per command. On
 * the embedded H2 file those writes happen under one lock at every commit, and they, not the decisions, bound how
 * many one-command transactions a second the ledger can take.
 * <p>
 * A group keeps every guarantee of a transaction per command:
 * <ul>
 * <li>Each command runs in a savepoint of its own, so one that fails (a requestId decided meanwhile, a race lost to
 * another node, a request the aggregate refuses) undoes only its own writes. A denial is a decision, not a
 * failure.</li>
 * <li>A caller gets its answer only once the group has committed, so no answer is lost with the process.</li>
 * <li>A group that cannot commit stores nothing. Its commands left their cached aggregates as if they had
 * committed, so the whole cache is dropped, and each command is taken again in a transaction of its own. So is a
 * command whose savepoint something else marked for rollback.</li>
 * </ul>
 * One thread runs the groups, in the order the commands arrived. Commands therefore never wait for each other's
 * aggregate locks, and no caller holds a database connection while it waits.
 * <p>
 * Savepoints hold only while nothing but Spring commits or rolls back the connection: the ledger's Axon configuration
 * gives Axon Spring's connections without Axon's own wrapper, which would roll the whole group back when one command's
 * unit of work failed.
 */
@Component
public class GroupCommit implements DisposableBean {

    /** Bounds how long the last caller of a group waits behind the others. */
    static final int MAX_GROUP = 256;

    static final String THREAD_NAME = "ledger-group-commit";

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private static final TransactionDefinition SAVEPOINT =
            new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactions;
    private final Cache aggregates;
    private final DistributionSummary groupSizes;
    private final Counter groupsTakenAgain;
    private final BlockingQueue<Command<?>> queue = new LinkedBlockingQueue<>();
    private final Command<?> stop = new Command<>(() -> null);
    private final Thread committer;
    private boolean closed;

    public GroupCommit(PlatformTransactionManager transactions, Cache aggregateCache, MeterRegistry meters) {
        this.transactions = transactions;
        this.aggregates = aggregateCache;
        this.groupSizes = DistributionSummary.builder("ledger.commands.group.size")
                .description("Commands committed together in one transaction")
                .register(meters);
        this.groupsTakenAgain = Counter.builder("ledger.commands.groups.taken.again")
                .description("Groups that could not commit, whose commands were each taken again on their own")
                .register(meters);
        this.committer = new Thread(this::commitGroups, THREAD_NAME);
        committer.setDaemon(true);
        committer.start();
    }

    /**
     * Runs {@code command} in the next group and answers what it answered, once the group has committed.
     *
     * @throws RuntimeException what the command threw; nothing of it is stored
     */
    public <R> R run(Supplier<R> command) {
        if (Thread.currentThread() == committer) {
            return command.get(); // a command sent from within a command: already inside a group
        }
        Command<R> queued = new Command<>(command);
        enqueue(queued);
        return queued.answer();
    }

    private synchronized void enqueue(Command<?> command) {
        if (closed) {
            throw new IllegalStateException("the ledger is shutting down");
        }
        queue.add(command);
    }

    /**
     * Commits what is queued, then stops; called after the web server and the Kafka bridge have stopped. Waits a
     * bounded time, so that a database that no longer answers cannot hold the process up for ever.
     */
    @Override
    public void destroy() throws InterruptedException {
        synchronized (this) {
            closed = true;
            queue.add(stop);
        }
        committer.join(STOP_WAIT.toMillis());
        if (committer.isAlive()) {
            log.warn("Commands were still being committed {} after the stop was asked; leaving them", STOP_WAIT);
        }
    }

    private void commitGroups() {
        List<Command<?>> group = new ArrayList<>(MAX_GROUP);
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only destroy() ends this thread, through the stop command, so nothing queued is left
            }
            queue.drainTo(group, MAX_GROUP - 1);
            boolean stopping = group.remove(stop);
            try {
                commit(group);
            } catch (Throwable unexpected) {
                log.error("A group of {} commands failed outside any command", group.size(), unexpected);
                group.forEach(command -> command.fail(unexpected));
            }
            group.clear();
            if (stopping) {
                return;
            }
        }
    }

    private void commit(List<Command<?>> group) {
        if (group.isEmpty()) {
            return;
        }
        groupSizes.record(group.size());
        List<Command<?>> alone = new ArrayList<>();
        try {
            new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
                for (Command<?> command : group) {
                    if (!command.runInSavepoint()) {
                        alone.add(command);
                    }
                }
            });
        } catch (RuntimeException | Error groupNotStored) {
            log.warn("A group of {} commands could not commit; taking each on its own", group.size(),
                    groupNotStored);
            groupsTakenAgain.increment();
            aggregates.removeAll();
            group.forEach(Command::runAlone);
            return;
        }
        group.forEach(Command::answerIfDecided);
        alone.forEach(Command::runAlone);
    }

    /** A queued command, its outcome within the group, and the caller's answer once that outcome is stored. */
    private final class Command<R> {

        private final Supplier<R> work;
        private final CompletableFuture<R> answer = new CompletableFuture<>();
        private Supplier<R> outcome;

        Command(Supplier<R> work) {
            this.work = work;
        }

        /** Runs the command in a savepoint; false if it must run again on its own after the group. */
        boolean runInSavepoint() {
            outcome = null;
            TransactionStatus savepoint = transactions.getTransaction(SAVEPOINT);
            R result;
            try {
                result = work.get();
            } catch (RuntimeException | Error failure) {
                transactions.rollback(savepoint);
                outcome = () -> {
                    throw failure;
                };
                return true;
            }
            if (savepoint.isRollbackOnly()) {
                // Something the command caused (a snapshot) failed and doomed the transaction after the command's
                // own unit of work had updated the cache.
                transactions.rollback(savepoint);
                aggregates.removeAll();
                return false;
            }
            transactions.commit(savepoint);
            outcome = () -> result;
            return true;
        }

        void answerIfDecided() {
            if (outcome != null) {
                deliver(outcome);
            }
        }

        void runAlone() {
            deliver(work);
        }

        private void deliver(Supplier<R> result) {
            try {
                answer.complete(result.get());
            } catch (Throwable failure) {
                answer.completeExceptionally(failure);
            }
        }

        void fail(Throwable failure) {
            answer.completeExceptionally(failure);
        }

        R answer() {
            try {
                return answer.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a command's group to commit", e);
            }
        }
    }
}

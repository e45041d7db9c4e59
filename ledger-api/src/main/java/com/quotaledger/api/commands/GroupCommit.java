package com.quotaledger.api.commands;

import com.quotaledger.requests.RequestLog.LoggedRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.common.caching.Cache;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.DefaultTransactionDefinition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Commits commands in groups: every command that arrived while the previous group was committing is taken in one
 * database transaction, whose writes are held back until the group's last command has run and then written at once
 * ({@link GroupWrites}): the events in one JDBC batch, their request log rows in another, and the requestIds
 * the group carries looked up in one query before it starts. The store then writes its changed pages once for the
 * group, and a decision costs no statement and no commit of its own.
 * <p>
 * A group keeps every guarantee of a transaction per command:
 * <ul>
 * <li>A command that fails (a request the aggregate refuses, a recipient that does not exist) takes back only what it
 * appended; a denial is a decision, not a failure. One that dooms the transaction (something it called marked it for
 * rollback) is taken back and run again on its own after the group; the group goes on in a fresh transaction, which
 * costs it nothing, as none of its writes has reached the database yet.</li>
 * <li>A caller gets its answer only once the group has committed and the commit is durable, so no answer is lost
 * with the process.</li>
 * <li>A group that cannot commit (another node wrote one of its aggregates or decided one of its requestIds first)
 * stores nothing. The aggregates it wrote are evicted from the cache, where they ran ahead of the store, and each
 * command is taken again in a transaction of its own, in the order they came, so that commands of one aggregate keep
 * their order. A command that keeps losing such races is tried {@value #MAX_ATTEMPTS} times, then fails with the
 * conflict.</li>
 * </ul>
 * One thread runs the groups, in the order the commands arrived. Commands therefore never wait for each other's
 * aggregate locks, and no caller holds a database connection while it waits. Snapshots that commands asked for are
 * written once their events are committed ({@link DueSnapshots}).
 */
@Component
public class GroupCommit implements DisposableBean {

    /** Bounds how long the last caller of a group waits behind the others. */
    static final int MAX_GROUP = 256;

    /** Attempts of a command that keeps losing races to other nodes; then the caller is asked to retry. */
    public static final int MAX_ATTEMPTS = 10;

    static final String THREAD_NAME = "ledger-group-commit";

    private static final long MAX_PAUSE_MILLIS = 10;

    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private static final TransactionDefinition GROUP = new DefaultTransactionDefinition();

    /** A command: what it answers, given where the decision for its requestId is recorded if it was decided. */
    @FunctionalInterface
    public interface Command<R> {
        R run(Optional<LoggedRequest> decidedBefore);
    }

    /**
     * Commands that must be decided in the order they were submitted, each only if none before it failed (a Kafka
     * key's requests): a command whose sequence has stopped fails with the failure that stopped it, without running.
     * Which failures stop a sequence is the sequence's to say, as a refusal its caller answers like a decision does
     * not.
     */
    public static final class Sequence {

        private final Predicate<Throwable> stops;
        /** The committed failure that stopped it; read and written by the committing thread only. */
        private Throwable stoppedBy;

        public Sequence(Predicate<Throwable> stops) {
            this.stops = stops;
        }
    }

    private final PlatformTransactionManager transactions;
    private final GroupWrites writes;
    private final DueSnapshots snapshots;
    private final Cache aggregates;
    private final DurableAnswers durableAnswers;
    private final DistributionSummary groupSizes;
    private final Counter groupsTakenAgain;
    private final Counter groupsWithFailures;
    private final BlockingQueue<Queued<?>> queue = new LinkedBlockingQueue<>();
    private final Queued<?> stop = new Queued<>(null, null, decidedBefore -> null);
    private final Thread committer;
    private boolean closed;

    public GroupCommit(PlatformTransactionManager transactions, GroupWrites writes,
                       DueSnapshots snapshots, Cache aggregateCache, MeterRegistry meters) {
        this.transactions = transactions;
        this.writes = writes;
        this.snapshots = snapshots;
        this.aggregates = aggregateCache;
        this.durableAnswers = new DurableAnswers(writes, meters);
        this.groupSizes = DistributionSummary.builder("ledger.commands.group.size")
                .description("Commands committed together in one transaction")
                .register(meters);
        this.groupsTakenAgain = Counter.builder("ledger.commands.groups.taken.again")
                .description("Groups that could not commit, whose commands were each taken again on their own")
                .register(meters);
        this.groupsWithFailures = Counter.builder("ledger.commands.groups.with.failures")
                .description("Groups that committed with a failed command among others, which undid its own writes only")
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
        return await(submit(null, null, decidedBefore -> command.get()));
    }

    /**
     * Queues {@code command} for the next group. Before the group runs, it looks up whether {@code requestId} (if
     * not null) was decided, and the command is told where that decision is: in the store, or earlier in its own
     * group. The answer completes once the group has committed. Commands of one aggregate are decided in the order
     * they were submitted, and so are those of one {@code sequence} (if not null), which also stops at its first
     * failure.
     */
    public <R> CompletableFuture<R> submit(String requestId, Sequence sequence, Command<R> command) {
        Queued<R> queued = new Queued<>(requestId, sequence, command);
        if (Thread.currentThread() == committer) {
            // a command sent from within a command: already inside a group
            queued.run();
            queued.give();
        } else {
            enqueue(queued);
        }
        return queued.answer;
    }

    /**
     * Completes once everything committed before this call is durable: at once on a store durable at commit, after
     * the next checkpoint on one that is not. What leaves the ledger on another way than a command's answer (the
     * events published to Kafka) waits for it, so that a process killed right after cannot take back what went out.
     */
    public CompletableFuture<Void> whenDurable() {
        return durableAnswers.whenDurable();
    }

    private synchronized void enqueue(Queued<?> command) {
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
        durableAnswers.stop(STOP_WAIT);
        if (committer.isAlive()) {
            log.warn("Commands were still being committed {} after the stop was asked; leaving them", STOP_WAIT);
        }
    }

    private void commitGroups() {
        List<Queued<?>> group = new ArrayList<>(MAX_GROUP);
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

    private void commit(List<Queued<?>> group) {
        if (group.isEmpty()) {
            return;
        }
        groupSizes.record(group.size());
        List<Queued<?>> alone = new ArrayList<>();
        RuntimeException notCommitted = attempt(group, alone);
        if (notCommitted != null) {
            log.warn("A group of {} commands could not commit; taking each on its own", group.size(), notCommitted);
            groupsTakenAgain.increment();
            group.forEach(this::runAlone);
            return;
        }
        group.stream().filter(command -> !alone.contains(command)).forEach(durableAnswers::answer);
        snapshots.writeDue();
        alone.forEach(this::runAlone);
    }

    /**
     * Runs {@code commands} in one transaction, flushes what they appended and commits. A command that doomed the
     * transaction is taken back into {@code doomed}, with the later commands of its sequence, and the rest go on in a
     * fresh transaction.
     *
     * @return null once committed, else why not: nothing of the attempt is stored
     */
    private RuntimeException attempt(List<Queued<?>> commands, List<Queued<?>> doomed) {
        TransactionStatus transaction = transactions.getTransaction(GROUP);
        Set<String> written = Set.of();
        Map<Sequence, Throwable> stopped = new IdentityHashMap<>();
        Set<Sequence> deferred = Collections.newSetFromMap(new IdentityHashMap<>());
        int failed = 0;
        int succeeded = 0;
        try {
            writes.open(commands.stream().map(command -> command.requestId).filter(Objects::nonNull).toList());
            for (Queued<?> command : commands) {
                Sequence sequence = command.sequence;
                if (sequence != null && deferred.contains(sequence)) {
                    doomed.add(command);
                    continue;
                }
                Throwable stoppedBy = sequence == null ? null
                        : sequence.stoppedBy != null ? sequence.stoppedBy : stopped.get(sequence);
                if (stoppedBy != null) {
                    command.failWithoutRunning(stoppedBy);
                    continue;
                }
                writes.startCommand();
                Throwable failure = command.run();
                boolean doomedTheTransaction = transaction.isRollbackOnly();
                if (failure != null || doomedTheTransaction) {
                    evict(writes.discardCommand());
                }
                if (!doomedTheTransaction) {
                    if (failure == null) {
                        succeeded++;
                    } else {
                        failed++;
                    }
                }
                if (doomedTheTransaction) {
                    if (failure == null) {
                        doomed.add(command);
                        if (sequence != null) {
                            deferred.add(sequence);
                        }
                    }
                    transactions.rollback(transaction);
                    transaction = transactions.getTransaction(GROUP);
                } else if (failure != null && sequence != null && sequence.stops.test(failure)) {
                    stopped.put(sequence, failure);
                }
            }
            written = writes.pendingAggregates();
            writes.flush();
            transactions.commit(transaction);
            stopped.forEach((sequence, failure) -> sequence.stoppedBy = failure);
            if (failed > 0 && succeeded > 0) {
                groupsWithFailures.increment();
            }
            return null;
        } catch (RuntimeException | Error failure) {
            if (!transaction.isCompleted()) {
                transactions.rollback(transaction);
            }
            evict(written.isEmpty() ? writes.pendingAggregates() : written);
            return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        } finally {
            writes.close();
        }
    }

    /** Runs one command in a transaction of its own, again while it loses races to other nodes. */
    private void runAlone(Queued<?> command) {
        for (int attempt = 1; ; attempt++) {
            List<Queued<?>> doomed = new ArrayList<>();
            RuntimeException notCommitted = attempt(List.of(command), doomed);
            if (notCommitted == null && doomed.isEmpty()) {
                durableAnswers.answer(command);
                snapshots.writeDue();
                return;
            }
            if (notCommitted == null) {
                command.fail(new UnexpectedRollbackException(
                        "the command's transaction was marked for rollback"));
                return;
            }
            if (!isConflict(notCommitted) || attempt == MAX_ATTEMPTS) {
                command.fail(notCommitted);
                return;
            }
            pauseBefore(attempt + 1);
        }
    }

    /** A write that another transaction made first: taken again on fresh state, it may well succeed. */
    private static boolean isConflict(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof DuplicateKeyException
                    || cause instanceof ConcurrencyFailureException) {
                return true;
            }
        }
        return false;
    }

    /** A random pause that grows with the attempts, so that two nodes that collided do not collide again in step. */
    private static void pauseBefore(int attempt) {
        long bound = Math.min(MAX_PAUSE_MILLIS, 1L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void evict(Set<String> aggregateIds) {
        aggregateIds.forEach(aggregates::remove);
    }

    /** A queued command, its outcome within the group, and the caller's answer once that outcome is stored. */
    private final class Queued<R> implements DurableAnswers.Answer {

        private final String requestId;
        private final Sequence sequence;
        private final Command<R> work;
        private final CompletableFuture<R> answer = new CompletableFuture<>();
        private Supplier<R> outcome;

        Queued(String requestId, Sequence sequence, Command<R> work) {
            this.requestId = requestId;
            this.sequence = sequence;
            this.work = work;
        }

        /** Runs the command in the open group; its failure, or null. */
        Throwable run() {
            try {
                R result = work.run(requestId == null ? Optional.empty() : writes.decided(requestId));
                outcome = () -> result;
                return null;
            } catch (RuntimeException | Error failure) {
                failWithoutRunning(failure);
                return failure;
            }
        }

        void failWithoutRunning(Throwable failure) {
            outcome = () -> {
                if (failure instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw (Error) failure;
            };
        }

        @Override
        public void give() {
            try {
                answer.complete(outcome.get());
            } catch (Throwable failure) {
                answer.completeExceptionally(failure);
            }
        }

        @Override
        public void fail(Throwable failure) {
            answer.completeExceptionally(failure);
        }
    }

    /** Waits for a command's answer: what it answered, or its failure thrown as it was. */
    public static <R> R await(CompletableFuture<R> answer) {
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

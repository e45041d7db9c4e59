package com.quotaledger.api;

import com.quotaledger.api.audit.GroupCommit;
import com.quotaledger.caching.LeastRecentlyUsedCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Commands queued while a group commits are taken together in one transaction, on the test store itself: each caller
 * is answered only once its writes are committed, and a command that fails, or whose savepoint something doomed, or
 * whose group cannot commit, costs no other command its writes or its answer.
 */
class CommandsCommitInGroupsAndFailAlone {

    private static final int CALLERS = 20;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LeastRecentlyUsedCache aggregates = new LeastRecentlyUsedCache(10);
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private JdbcTemplate jdbc;
    private JdbcTransactionManager transactions;
    private GroupCommit groups;

    @BeforeEach
    void store() {
        TestStore store = TestStore.current();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(store.url(DataDirs.fresh("group-commit")),
                store.username(), "");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE written (id VARCHAR(20) PRIMARY KEY)");
        transactions = new JdbcTransactionManager(dataSource);
        groups = new GroupCommit(transactions, aggregates, meters);
        aggregates.put("cached", "as the group left it");
    }

    @AfterEach
    void stop() throws InterruptedException {
        groups.destroy();
        callers.shutdownNow();
    }

    @Test
    void aFailedCommandUndoesOnlyItsOwnWritesAndEveryoneIsAnsweredAfterTheCommit() throws Exception {
        List<Future<String>> answers = groupOf(CALLERS, caller -> () -> {
            // caller 7 writes the row caller 6 wrote a moment before in the same transaction
            String id = "row-" + (caller == 7 ? 6 : caller);
            jdbc.update("INSERT INTO written (id) VALUES (?)", id);
            return id;
        }, answer -> assertThat(committedRows()).as("the answer's row is committed when it is answered")
                .contains(answer));

        for (int caller = 0; caller < CALLERS; caller++) {
            if (caller == 7) {
                assertThatThrownBy(answers.get(caller)::get).hasCauseInstanceOf(DuplicateKeyException.class);
            } else {
                assertThat(answers.get(caller).get()).isEqualTo("row-" + caller);
            }
        }
        assertThat(committedRows()).hasSize(CALLERS - 1);
        assertThat(largestGroup()).as("the queued callers committed as one group").isEqualTo(CALLERS);
        assertThat(aggregates.containsKey("cached")).as("a command's own failure leaves other aggregates cached")
                .isTrue();
    }

    @Test
    void aGroupThatCannotCommitTakesEachCommandAgainOnItsOwn() throws Exception {
        AtomicBoolean commitFailed = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        List<Future<String>> answers = groupOf(CALLERS, caller -> () -> {
            runs.incrementAndGet();
            String id = "row-" + caller;
            jdbc.update("INSERT INTO written (id) VALUES (?)", id);
            if (caller == 3 && TransactionSynchronizationManager.isSynchronizationActive()
                    && commitFailed.compareAndSet(false, true)) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCommit(boolean readOnly) {
                        throw new IllegalStateException("the store refused the commit");
                    }
                });
            }
            return id;
        }, answer -> assertThat(committedRows()).contains(answer));

        for (int caller = 0; caller < CALLERS; caller++) {
            assertThat(answers.get(caller).get()).isEqualTo("row-" + caller);
        }
        assertThat(commitFailed).isTrue();
        assertThat(runs).hasValue(2 * CALLERS);
        assertThat(committedRows()).hasSize(CALLERS);
        assertThat(aggregates.containsKey("cached")).as("aggregates cached by a group that did not commit")
                .isFalse();
    }

    @Test
    void aCommandWhoseSavepointWasDoomedRunsAgainOnItsOwn() throws Exception {
        AtomicBoolean doomed = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        TransactionTemplate participating = new TransactionTemplate(transactions);
        List<Future<String>> answers = groupOf(CALLERS, caller -> () -> {
            String id = "row-" + caller;
            runs.incrementAndGet();
            jdbc.update("INSERT INTO written (id) VALUES (?)", id);
            if (caller == 5 && doomed.compareAndSet(false, true)) {
                // as when a snapshot taken after the command fails within the command's transaction
                participating.executeWithoutResult(transaction -> transaction.setRollbackOnly());
            }
            return id;
        }, answer -> assertThat(committedRows()).contains(answer));

        for (int caller = 0; caller < CALLERS; caller++) {
            assertThat(answers.get(caller).get()).isEqualTo("row-" + caller);
        }
        assertThat(runs).as("only the doomed command runs again").hasValue(CALLERS + 1);
        assertThat(committedRows()).hasSize(CALLERS);
        assertThat(largestGroup()).isEqualTo(CALLERS);
        assertThat(aggregates.containsKey("cached")).isFalse();
    }

    @Test
    void aCommandSentAfterTheStopIsRefused() throws InterruptedException {
        groups.destroy();

        assertThatThrownBy(() -> groups.run(() -> "late")).isInstanceOf(IllegalStateException.class);
    }

    /**
     * Runs one command per caller, all queued while the group before them is still committing, so they form the
     * next group; each caller checks its answer as soon as it has it.
     */
    private List<Future<String>> groupOf(int count, IntFunction<Supplier<String>> command,
                                         Consumer<String> onAnswer) throws Exception {
        CountDownLatch committing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> blocker = callers.submit(() -> groups.run(() -> {
            committing.countDown();
            awaitQuietly(release);
            return "blocker";
        }));
        assertThat(committing.await(30, TimeUnit.SECONDS)).isTrue();
        List<Thread> waiting = new CopyOnWriteArrayList<>();
        List<Future<String>> answers = new ArrayList<>();
        for (int caller = 0; caller < count; caller++) {
            Supplier<String> work = command.apply(caller);
            answers.add(callers.submit(() -> {
                waiting.add(Thread.currentThread());
                String answer = groups.run(work);
                onAnswer.accept(answer);
                return answer;
            }));
        }
        await().until(() -> waiting.size() == count && waiting.stream()
                .allMatch(CommandsCommitInGroupsAndFailAlone::waitsForItsGroup));
        release.countDown();
        assertThat(blocker.get(30, TimeUnit.SECONDS)).isEqualTo("blocker");
        return answers;
    }

    /** Whether the caller has queued its command and now waits for the group that holds it to commit. */
    private static boolean waitsForItsGroup(Thread caller) {
        return caller.getState() == Thread.State.WAITING && Arrays.stream(caller.getStackTrace())
                .anyMatch(frame -> frame.getClassName().endsWith("GroupCommit$Command")
                        && frame.getMethodName().equals("answer"));
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> committedRows() {
        return jdbc.queryForList("SELECT id FROM written", String.class);
    }

    private long largestGroup() {
        return (long) meters.get("ledger.commands.group.size").summary().max();
    }
}

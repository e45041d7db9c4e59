package com.quotaledger.api.commands;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.TestStore;
import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.commands.GroupWrites;
import com.quotaledger.caching.BoundedCache;
import com.quotaledger.requests.RequestLog.LoggedRequest;
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

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
 * Commands queued while a group commits are taken together in one transaction, on the test store itself, their writes
 * held back and written at once before the commit: each caller is answered only once its writes are committed, and a
 * command that fails, or dooms the transaction, or whose group cannot commit, costs no other command its writes or its
 * answer. The writes here are rows of a table of their own, each row standing for an aggregate of the same name.
 */
class CommandsCommitInGroupsAndFailAlone {

    private static final int CALLERS = 20;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final BoundedCache aggregates = new BoundedCache(100);
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private JdbcTemplate jdbc;
    private JdbcTransactionManager transactions;
    private RowWrites writes;
    private GroupCommit groups;

    @BeforeEach
    void store() {
        TestStore store = TestStore.current();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(store.url(DataDirs.fresh("group-commit")),
                store.username(), "");
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE written (id VARCHAR(20) PRIMARY KEY, request_id VARCHAR(20))");
        transactions = new JdbcTransactionManager(dataSource);
        writes = new RowWrites(jdbc);
        groups = new GroupCommit(transactions, writes, () -> {
        }, aggregates, meters);
        aggregates.put("unrelated", "as the group left it");
    }

    @AfterEach
    void stop() throws InterruptedException {
        groups.destroy();
        callers.shutdownNow();
    }

    @Test
    void aFailedCommandUndoesOnlyItsOwnWritesAndEveryoneIsAnsweredAfterTheCommit() throws Exception {
        List<Future<String>> answers = groupOf(CALLERS, caller -> () -> {
            // caller 7 writes a row of its own, then a row the group holds already: its own, a moment before
            String id = "row-" + caller;
            writes.write(id, null);
            if (caller == 7) {
                writes.write(id, null);
            }
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
        assertThat(committedRows()).hasSize(CALLERS - 1).doesNotContain("row-7");
        assertThat(largestGroup()).as("the queued callers committed as one group").isEqualTo(CALLERS);
        assertThat(groupsTakenAgain()).isZero();
        assertThat(aggregates.containsKey("unrelated")).as("a command's own failure leaves other aggregates cached")
                .isTrue();
    }

    @Test
    void aGroupThatCannotCommitTakesEachCommandAgainOnItsOwn() throws Exception {
        AtomicBoolean commitFailed = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        for (int caller = 0; caller < CALLERS; caller++) {
            aggregates.put("row-" + caller, "as a command of the group left it");
        }
        List<Future<String>> answers = groupOf(CALLERS, caller -> () -> {
            runs.incrementAndGet();
            String id = "row-" + caller;
            writes.write(id, null);
            if (caller == 3 && commitFailed.compareAndSet(false, true)) {
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
        assertThat(groupsTakenAgain()).isEqualTo(1);
        assertThat(aggregates.containsKey("row-3")).as("an aggregate the group wrote, cached ahead of the store")
                .isFalse();
        assertThat(aggregates.containsKey("unrelated")).as("an aggregate the group did not write").isTrue();
    }

    @Test
    void aCommandThatDoomedTheTransactionRunsAgainOnItsOwnAndTheRestCommitTogether() throws Exception {
        AtomicBoolean doomed = new AtomicBoolean();
        AtomicInteger runs = new AtomicInteger();
        TransactionTemplate participating = new TransactionTemplate(transactions);
        aggregates.put("row-5", "as the doomed command left it");
        List<Future<String>> answers = groupOf(CALLERS, caller -> () -> {
            String id = "row-" + caller;
            runs.incrementAndGet();
            writes.write(id, null);
            if (caller == 5 && doomed.compareAndSet(false, true)) {
                // as when something a command calls fails within the command's transaction
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
        assertThat(groupsTakenAgain()).isZero();
        assertThat(aggregates.containsKey("row-5")).isFalse();
        assertThat(aggregates.containsKey("unrelated")).isTrue();
    }

    @Test
    void aCommandThatLosesARaceToAnotherWriterIsTakenAgainUntilItWinsAndTheOthersCommit() throws Exception {
        // another node commits the row caller 3 is about to write, twice: caller 3 loses the group's flush and its
        // first attempt on its own, and wins its second
        AtomicInteger conflicts = new AtomicInteger(2);
        AtomicInteger runs = new AtomicInteger();
        List<Future<String>> answers = groupOf(CALLERS, caller -> () -> {
            runs.incrementAndGet();
            String id = "row-" + caller;
            if (caller == 3) {
                anotherWriter().update("DELETE FROM written WHERE id = ?", id);
                if (conflicts.getAndDecrement() > 0) {
                    anotherWriter().update("INSERT INTO written (id) VALUES (?)", id);
                }
            }
            writes.write(id, null);
            return id;
        }, answer -> assertThat(committedRows()).contains(answer));

        for (int caller = 0; caller < CALLERS; caller++) {
            assertThat(answers.get(caller).get()).isEqualTo("row-" + caller);
        }
        assertThat(runs).as("the group, each command on its own, and caller 3 once more").hasValue(2 * CALLERS + 1);
        assertThat(committedRows()).hasSize(CALLERS);
        assertThat(groupsTakenAgain()).isEqualTo(1);
    }

    @Test
    void aCommandThatAlwaysLosesFailsWithTheConflictAfterItsAttempts() {
        AtomicInteger runs = new AtomicInteger();
        anotherWriter().update("INSERT INTO written (id) VALUES ('taken')");

        assertThatThrownBy(() -> groups.run(() -> {
            runs.incrementAndGet();
            writes.write("taken", null);
            return "never";
        })).isInstanceOf(DuplicateKeyException.class);
        assertThat(runs).as("the group of one, then each of its attempts on its own")
                .hasValue(1 + GroupCommit.MAX_ATTEMPTS);
        assertThat(committedRows()).containsExactly("taken");
    }

    @Test
    void aGroupLooksUpItsRequestIdsOnceAndACommandSeesWhatAnEarlierOneOfTheGroupDecided() throws Exception {
        anotherWriter().update("INSERT INTO written (id, request_id) VALUES ('stored', 'request-0')");
        List<Future<String>> answers = new ArrayList<>();
        List<Optional<String>> seen = new CopyOnWriteArrayList<>();
        CountDownLatch committing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> blocker = callers.submit(() -> groups.run(() -> {
            committing.countDown();
            awaitQuietly(release);
            return "blocker";
        }));
        assertThat(committing.await(30, TimeUnit.SECONDS)).isTrue();
        for (String requestId : List.of("request-0", "request-1", "request-1", "request-2")) {
            answers.add(groups.submit(requestId, null, decidedBefore -> {
                seen.add(decidedBefore.map(LoggedRequest::aggregateId));
                if (decidedBefore.isPresent()) {
                    return decidedBefore.get().aggregateId();
                }
                writes.write("for-" + requestId, requestId);
                return "for-" + requestId;
            }));
        }
        release.countDown();
        blocker.get(30, TimeUnit.SECONDS);

        assertThat(answers.stream().map(CommandsCommitInGroupsAndFailAlone::answer).toList())
                .containsExactly("stored", "for-request-1", "for-request-1", "for-request-2");
        assertThat(seen).containsExactly(Optional.of("stored"), Optional.empty(), Optional.of("for-request-1"),
                Optional.empty());
        assertThat(writes.lookups).as("the group's requestIds, looked up together when it opened")
                .contains(List.of("request-0", "request-1", "request-1", "request-2"));
    }

    @Test
    void aSequenceStopsAtItsFirstFailureSoThatNoLaterCommandOfItIsDecidedBeforeIt() throws Exception {
        GroupCommit.Sequence first = new GroupCommit.Sequence(failure -> !(failure instanceof Refusal));
        GroupCommit.Sequence second = new GroupCommit.Sequence(failure -> !(failure instanceof Refusal));
        List<String> ran = new CopyOnWriteArrayList<>();
        List<CompletableFuture<String>> answers = new ArrayList<>();
        CountDownLatch committing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<String> blocker = callers.submit(() -> groups.run(() -> {
            committing.countDown();
            awaitQuietly(release);
            return "blocker";
        }));
        assertThat(committing.await(30, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            for (GroupCommit.Sequence sequence : List.of(first, second)) {
                String id = (sequence == first ? "first-" : "second-") + i;
                int step = i;
                answers.add(groups.submit(null, sequence, decidedBefore -> {
                    ran.add(id);
                    if (step == 1) {
                        throw new Refusal(id);
                    }
                    if (step == 2 && id.startsWith("first")) {
                        throw new IllegalStateException("the store was away");
                    }
                    writes.write(id, null);
                    return id;
                }));
            }
        }
        release.countDown();
        blocker.get(30, TimeUnit.SECONDS);
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).handle((all, failure) -> all)
                .get(30, TimeUnit.SECONDS);

        assertThat(ran).as("a refusal does not stop its sequence; a failure does")
                .containsExactly("first-0", "second-0", "first-1", "second-1", "first-2", "second-2", "second-3",
                        "second-4");
        assertThatThrownBy(() -> answers.get(6).get()).hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> answers.get(8).get()).as("first-4, never run")
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("the store was away");
        assertThat(committedRows()).containsExactlyInAnyOrder("first-0", "second-0", "second-2", "second-3",
                "second-4");
    }

    /** A command's answer that is a refusal, not a failure. */
    private static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message);
        }
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
                .anyMatch(frame -> frame.getClassName().equals(GroupCommit.class.getName())
                        && frame.getMethodName().equals("await"));
    }

    private static String answer(Future<String> answer) {
        try {
            return answer.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A connection of its own, committing at once: another node writing to the same store. */
    private JdbcTemplate anotherWriter() {
        return jdbc;
    }

    private List<String> committedRows() {
        return jdbc.queryForList("SELECT id FROM written", String.class);
    }

    private long largestGroup() {
        return (long) meters.get("ledger.commands.group.size").summary().max();
    }

    private double groupsTakenAgain() {
        return meters.get("ledger.commands.groups.taken.again").counter().count();
    }

    /**
     * Rows held back like the event storage holds events: per command, so that a failed command's rows are taken
     * back, refused early when the group already holds the same key, and inserted in one batch at the flush.
     */
    private static final class RowWrites implements GroupWrites {

        final List<List<String>> lookups = new CopyOnWriteArrayList<>();
        private final JdbcTemplate jdbc;
        private final ThreadLocal<Map<String, String>> pending = new ThreadLocal<>();
        private final ThreadLocal<Map<String, LoggedRequest>> stored = new ThreadLocal<>();
        private int commandStart;

        RowWrites(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void write(String id, String requestId) {
            if (pending.get().containsKey(id)) {
                throw new DuplicateKeyException("row " + id + " is written already in this group");
            }
            pending.get().put(id, requestId);
        }

        @Override
        public void open(Collection<String> requestIds) {
            lookups.add(List.copyOf(requestIds));
            pending.set(new LinkedHashMap<>());
            Map<String, LoggedRequest> found = new LinkedHashMap<>();
            for (String requestId : requestIds) {
                jdbc.queryForList("SELECT id FROM written WHERE request_id = ?", String.class, requestId)
                        .forEach(id -> found.put(requestId, logged(requestId, id)));
            }
            stored.set(found);
        }

        @Override
        public Optional<LoggedRequest> decided(String requestId) {
            return pending.get().entrySet().stream().filter(row -> requestId.equals(row.getValue()))
                    .map(row -> logged(requestId, row.getKey())).findFirst()
                    .or(() -> Optional.ofNullable(stored.get().get(requestId)));
        }

        @Override
        public void startCommand() {
            commandStart = pending.get().size();
        }

        @Override
        public Set<String> discardCommand() {
            List<String> ids = new ArrayList<>(pending.get().keySet());
            Set<String> discarded = new LinkedHashSet<>(ids.subList(commandStart, ids.size()));
            discarded.forEach(pending.get()::remove);
            return discarded;
        }

        @Override
        public Set<String> pendingAggregates() {
            return pending.get() == null ? Set.of() : Set.copyOf(pending.get().keySet());
        }

        @Override
        public void flush() {
            jdbc.batchUpdate("INSERT INTO written (id, request_id) VALUES (?, ?)", pending.get().entrySet().stream()
                    .map(row -> new Object[]{row.getKey(), row.getValue()}).toList());
            pending.get().clear();
        }

        @Override
        public void close() {
            pending.remove();
            stored.remove();
        }

        @Override
        public boolean commitsOnlyAtCheckpoints() {
            return false;
        }

        @Override
        public void makeDurable(boolean toDisk) {
        }

        private static LoggedRequest logged(String requestId, String row) {
            return new LoggedRequest(requestId, "fingerprint", row, 0, Instant.EPOCH);
        }
    }
}

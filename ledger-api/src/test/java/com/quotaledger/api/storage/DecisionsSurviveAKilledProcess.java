package com.quotaledger.api.storage;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerProcess;
import com.quotaledger.api.Race;
import com.quotaledger.api.Requests;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A decision the ledger answered is on disk: killing the process (SIGKILL, no shutdown) right after it answered loses
 * none, and a kill in the middle of a burst leaves every decision whole, never half stored.
 */
class DecisionsSurviveAKilledProcess {

    private static final long LIMIT = 150_000;
    private static final String LIMIT_ARGUMENT = "--ledger.policy.rolling-limit=" + LIMIT;
    private static final int CLIENTS = 20;
    private static final int REQUESTS_PER_CLIENT = 10;

    private final List<LedgerProcess> started = new ArrayList<>();

    /** One share request: its body and how many Post IDs it asks for. */
    record Sent(String requestId, long postIds, String body) {
    }

    @AfterEach
    void killWhateverIsLeft() {
        started.forEach(LedgerProcess::close);
    }

    @Test
    void everyAnsweredDecisionSurvivesAKillRightAfterTheLastAnswer() {
        Path dataDir = DataDirs.fresh("killed-after");
        long seed = System.nanoTime();
        List<List<Sent>> perClient = burst("after", seed);
        LedgerProcess first = start(dataDir);
        first.client().registerWithAllTerms("after");

        Map<String, Answer> answers = sendAll(first.client(), perClient, Integer.MAX_VALUE, first);
        first.kill();

        assertThat(answers).as("seed %d", seed).hasSize(CLIENTS * REQUESTS_PER_CLIENT);
        assertThat(answers.values()).extracting(Answer::status).as("seed %d", seed)
                .containsOnly(201, 429).contains(201, 429);
        LedgerClient restarted = start(dataDir).client();
        long granted = 0;
        for (Sent request : all(perClient)) {
            Answer original = answers.get(request.requestId());
            Answer again = restarted.share(request.body());
            assertThat(again.status()).as("seed %d: repeat of %s", seed, request).isEqualTo(original.status());
            assertThat(again.body()).as("seed %d: repeat of %s", seed, request).isEqualTo(original.body());
            granted += original.status() == 201 ? request.postIds() : 0;
        }
        assertThat(usedBy(restarted, "after")).as("seed %d", seed).isEqualTo(granted);
    }

    @Test
    void aKillInTheMiddleOfABurstLeavesEveryDecisionWhole() {
        Path dataDir = DataDirs.fresh("killed-during");
        long seed = System.nanoTime();
        List<List<Sent>> perClient = burst("during", seed);
        LedgerProcess first = start(dataDir);
        first.client().registerWithAllTerms("during");

        Map<String, Answer> answers = sendAll(first.client(), perClient, CLIENTS * REQUESTS_PER_CLIENT / 2, first);
        first.kill();

        assertThat(answers.size()).as("seed %d", seed).isGreaterThanOrEqualTo(CLIENTS * REQUESTS_PER_CLIENT / 2);
        LedgerClient restarted = start(dataDir).client();
        long granted = 0;
        for (Sent request : all(perClient)) {
            Answer again = restarted.share(request.body());
            Answer original = answers.get(request.requestId());
            if (original != null) {
                assertThat(again.status()).as("seed %d: repeat of %s", seed, request).isEqualTo(original.status());
                assertThat(again.body()).as("seed %d: repeat of %s", seed, request).isEqualTo(original.body());
            } else {
                assertThat(again.status()).as("seed %d: %s", seed, again).isIn(201, 429);
            }
            granted += again.status() == 201 ? request.postIds() : 0;
        }
        assertThat(usedBy(restarted, "during")).as("seed %d: one decision per requestId, each whole", seed)
                .isEqualTo(granted);
        assertThat(granted).isLessThanOrEqualTo(LIMIT);
    }

    private LedgerProcess start(Path dataDir) {
        LedgerProcess process = LedgerProcess.start(dataDir, LIMIT_ARGUMENT);
        started.add(process);
        return process;
    }

    /** More than the limit in total, so that the burst has both grants and denials. */
    private static List<List<Sent>> burst(String recipientId, long seed) {
        Random random = new Random(seed);
        List<List<Sent>> perClient = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            List<Sent> requests = new ArrayList<>();
            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                String requestId = recipientId + "-" + client + "-" + i;
                long postIds = 500 + random.nextInt(1_000);
                requests.add(new Sent(requestId, postIds, share(requestId, recipientId, postIds)));
            }
            perClient.add(requests);
        }
        return perClient;
    }

    /**
     * Sends every client's requests, one client per thread, and kills the ledger as soon as {@code killAfter}
     * answers have arrived. Requests that get no answer are left out of the result.
     */
    private static Map<String, Answer> sendAll(LedgerClient ledger, List<List<Sent>> perClient, int killAfter,
                                               LedgerProcess process) {
        Map<String, Answer> answers = new ConcurrentHashMap<>();
        AtomicInteger answered = new AtomicInteger();
        List<Callable<Void>> clients = new ArrayList<>();
        for (List<Sent> requests : perClient) {
            clients.add(() -> {
                for (Sent request : requests) {
                    Optional<Answer> answer = ledger.shareUnlessDown(request.body());
                    if (answer.isEmpty()) {
                        continue;
                    }
                    answers.put(request.requestId(), answer.get());
                    if (answered.incrementAndGet() == killAfter) {
                        process.kill();
                    }
                }
                return null;
            });
        }
        Race.run(clients);
        return answers;
    }

    private static List<Sent> all(List<List<Sent>> perClient) {
        Map<String, Sent> all = new LinkedHashMap<>();
        perClient.forEach(requests -> requests.forEach(request -> all.put(request.requestId(), request)));
        return List.copyOf(all.values());
    }

    private static long usedBy(LedgerClient ledger, String recipientId) {
        return ledger.quota(recipientId).json().path("postIds").path("used").asLong();
    }
}

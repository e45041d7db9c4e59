package com.quotaledger.api.storage;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerProcess;
import com.quotaledger.api.Race;
import com.quotaledger.api.TestStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Ledger nodes sharing one store never grant a recipient more than its limit and never lose a decision they
 * answered: many clients share to the same few recipients through every node at once, some sending a request again
 * to another node, and in the second test one node is killed (SIGKILL) in the middle of the load.
 * <p>
 * On PostgreSQL there are two nodes, in JVMs of their own, and the survivor carries on alone. The embedded H2 file
 * belongs to one process, so there the one node is killed and started again on the same data directory.
 */
class NodesSharingOneStoreNeverGrantBeyondTheLimit {

    private static final long LIMIT = 100_000;
    private static final List<String> RECIPIENTS = List.of("north", "south", "east");
    private static final int CLIENTS = 16;
    private static final int REQUESTS_PER_CLIENT = 25;
    private static final double RESEND_RATE = 0.2;
    private static final Duration FAIL_OVER_TIMEOUT = Duration.ofSeconds(90);

    private final List<LedgerProcess> started = new CopyOnWriteArrayList<>();
    private final TestStore store = TestStore.current();

    /** One share request: its body, its recipient and how many Post IDs it asks for. */
    record Sent(String requestId, String recipientId, long postIds, String body) {
    }

    /** What the clients saw: the answer to each request, and the answer to each request sent a second time. */
    record Outcome(Map<String, Answer> answers, Map<String, Answer> resent) {
    }

    @AfterEach
    void killWhateverIsLeft() {
        started.forEach(LedgerProcess::close);
    }

    @Test
    void everyNodeDecidesWithinTheLimitAndEveryRequestOnce() {
        Path dataDir = DataDirs.fresh("nodes");
        long seed = System.nanoTime();
        List<LedgerClient> nodes = new CopyOnWriteArrayList<>(startNodes(dataDir).stream()
                .map(LedgerProcess::client).toList());
        RECIPIENTS.forEach(nodes.get(0)::registerWithAllTerms);
        List<List<Sent>> perClient = load(seed);

        Outcome outcome = sendThroughEveryNode(nodes, perClient, seed, new AtomicInteger());

        assertDecidedOnceWithinTheLimit(nodes, perClient, outcome, seed);
    }

    @Test
    void everyNodeAnswersWithWhatAnotherHasJustDecided() {
        List<LedgerClient> nodes = startNodes(DataDirs.fresh("nodes-fresh")).stream()
                .map(LedgerProcess::client).toList();
        nodes.get(0).registerWithAllTerms("fresh");
        for (int i = 0; i < 10; i++) {
            Answer granted = nodes.get(i % nodes.size()).share(share("fresh-" + i, "fresh", 1_000));
            assertThat(granted.status()).as("%s", granted).isEqualTo(201);
            for (LedgerClient node : nodes) {
                assertThat(node.quota("fresh").json().path("postIds").path("used").asLong())
                        .as("after share %d", i).isEqualTo(1_000L * (i + 1));
            }
        }
    }

    @Test
    void aNodeKilledInTheMiddleOfTheLoadLosesNoDecisionItAnswered() throws Exception {
        Path dataDir = DataDirs.fresh("nodes-killed");
        long seed = System.nanoTime();
        List<LedgerProcess> processes = startNodes(dataDir);
        List<LedgerClient> nodes = new CopyOnWriteArrayList<>(processes.stream().map(LedgerProcess::client).toList());
        RECIPIENTS.forEach(nodes.get(0)::registerWithAllTerms);
        List<List<Sent>> perClient = load(seed);
        AtomicInteger answered = new AtomicInteger();

        CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(
                () -> sendThroughEveryNode(nodes, perClient, seed, answered));
        await().atMost(Race.TIMEOUT).until(() -> answered.get() >= CLIENTS * REQUESTS_PER_CLIENT / 2);
        processes.get(processes.size() - 1).kill();
        nodes.remove(processes.size() - 1);
        if (nodes.isEmpty()) {
            nodes.add(startNode(dataDir).client());
        }
        Outcome outcome = running.get();

        assertDecidedOnceWithinTheLimit(nodes, perClient, outcome, seed);
    }

    /** Two nodes where several processes may share the store, one where only one may; started together. */
    private List<LedgerProcess> startNodes(Path dataDir) {
        int count = store == TestStore.POSTGRESQL ? 2 : 1;
        List<CompletableFuture<LedgerProcess>> starting = IntStream.range(0, count)
                .mapToObj(node -> CompletableFuture.supplyAsync(() -> startNode(dataDir))).toList();
        return starting.stream().map(CompletableFuture::join).toList();
    }

    private LedgerProcess startNode(Path dataDir) {
        LedgerProcess process = LedgerProcess.start(dataDir, "--ledger.policy.rolling-limit=" + LIMIT);
        started.add(process);
        return process;
    }

    /** About 1.3 times the limit per recipient, so that every recipient sees both grants and denials. */
    private static List<List<Sent>> load(long seed) {
        Random random = new Random(seed);
        List<List<Sent>> perClient = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            List<Sent> requests = new ArrayList<>();
            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                String requestId = "n-" + client + "-" + i;
                String recipientId = RECIPIENTS.get(random.nextInt(RECIPIENTS.size()));
                long postIds = 500 + random.nextInt(1_800);
                requests.add(new Sent(requestId, recipientId, postIds, share(requestId, recipientId, postIds)));
            }
            perClient.add(requests);
        }
        return perClient;
    }

    /**
     * Each client sends its requests in turn, spreading them over the nodes as a load balancer would, and now and then
     * sends an earlier one again to another node. A request that a dead node leaves unanswered, or that the ledger
     * asks to retry, goes again to the next node with the same requestId, as a client with retries does.
     */
    private static Outcome sendThroughEveryNode(List<LedgerClient> nodes, List<List<Sent>> perClient, long seed,
                                                AtomicInteger answered) {
        Map<String, Answer> answers = new ConcurrentHashMap<>();
        Map<String, Answer> resent = new ConcurrentHashMap<>();
        List<Callable<Void>> clients = new ArrayList<>();
        for (int client = 0; client < perClient.size(); client++) {
            int first = client;
            Random random = new Random(seed + client);
            List<Sent> requests = perClient.get(client);
            clients.add(() -> {
                for (int i = 0; i < requests.size(); i++) {
                    Sent request = requests.get(i);
                    answers.put(request.requestId(), decide(nodes, first + i, request));
                    answered.incrementAndGet();
                    if (random.nextDouble() < RESEND_RATE) {
                        Sent again = requests.get(random.nextInt(i + 1));
                        resent.putIfAbsent(again.requestId(), decide(nodes, first + i + 1, again));
                    }
                }
                return null;
            });
        }
        Race.run(clients);
        return new Outcome(answers, resent);
    }

    private static Answer decide(List<LedgerClient> nodes, int turn, Sent request) {
        long deadline = System.nanoTime() + FAIL_OVER_TIMEOUT.toNanos();
        for (int attempt = 0; System.nanoTime() < deadline; attempt++) {
            List<LedgerClient> live = List.copyOf(nodes);
            if (!live.isEmpty()) {
                Optional<Answer> answer = live.get(Math.floorMod(turn + attempt, live.size()))
                        .shareUnlessDown(request.body());
                if (answer.isPresent() && answer.get().status() != 503) {
                    return answer.get();
                }
            }
            try {
                Thread.sleep(Math.min(100, 5L * attempt));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        throw new AssertionError("no node decided " + request + " within " + FAIL_OVER_TIMEOUT);
    }

    private static void assertDecidedOnceWithinTheLimit(List<LedgerClient> nodes, List<List<Sent>> perClient,
                                                        Outcome outcome, long seed) {
        List<Sent> all = perClient.stream().flatMap(List::stream).toList();
        Map<String, Long> grantedTo = new HashMap<>();
        for (Sent request : all) {
            Answer answer = outcome.answers().get(request.requestId());
            assertThat(answer).as("seed %d: %s", seed, request).isNotNull();
            assertThat(answer.status()).as("seed %d: %s got %s", seed, request, answer).isIn(201, 429);
            Answer again = outcome.resent().get(request.requestId());
            if (again != null) {
                assertThat(again.status()).as("seed %d: resent %s", seed, request).isEqualTo(answer.status());
                assertThat(again.body()).as("seed %d: resent %s", seed, request).isEqualTo(answer.body());
            }
            grantedTo.merge(request.recipientId(), answer.status() == 201 ? request.postIds() : 0, Long::sum);
        }

        for (String recipientId : RECIPIENTS) {
            long granted = grantedTo.getOrDefault(recipientId, 0L);
            assertThat(granted).as("seed %d: granted to %s", seed, recipientId).isLessThanOrEqualTo(LIMIT);
            List<Sent> toRecipient = all.stream().filter(request -> request.recipientId().equals(recipientId))
                    .toList();
            for (LedgerClient node : nodes) {
                assertThat(node.quota(recipientId).json().path("postIds").path("used").asLong())
                        .as("seed %d: %s's quota on every node", seed, recipientId).isEqualTo(granted);
                assertStoredOnce(node, recipientId, toRecipient, outcome.answers(), seed);
            }
        }
        for (LedgerClient node : nodes) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode reconciliation = node.get("/api/v1/admin/reconcile").json();
                assertThat(reconciliation.path("caughtUp").asBoolean()).as("%s", reconciliation).isTrue();
                assertThat(reconciliation.path("consistent").asBoolean()).as("%s", reconciliation).isTrue();
            });
        }
    }

    /** The event store holds exactly one decision per request, and it is the one the client was answered. */
    private static void assertStoredOnce(LedgerClient node, String recipientId, List<Sent> requests,
                                         Map<String, Answer> answers, long seed) {
        Map<String, String> storedDecisions = new HashMap<>();
        for (JsonNode event : node.get("/api/v1/audit/recipients/" + recipientId + "/history").json().path("events")) {
            String requestId = event.path("payload").path("request").path("requestId").asText(null);
            if (requestId != null) {
                String previous = storedDecisions.put(requestId, event.path("type").asText());
                assertThat(previous).as("seed %d: a second decision for %s", seed, requestId).isNull();
            }
        }
        assertThat(storedDecisions).as("seed %d: decisions stored for %s", seed, recipientId)
                .hasSize(requests.size());
        for (Sent request : requests) {
            String expected = answers.get(request.requestId()).status() == 201 ? "ShareGranted" : "ShareDenied";
            assertThat(storedDecisions.get(request.requestId())).as("seed %d: %s", seed, request).isEqualTo(expected);
        }
        JsonNode verification = node.get("/api/v1/audit/recipients/" + recipientId + "/verify").json();
        assertThat(verification.path("valid").asBoolean()).as("seed %d: %s", seed, verification).isTrue();
    }
}

package com.quotaledger.api.share;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Race;
import com.quotaledger.api.Requests;
import com.quotaledger.api.StoredDecisions;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import com.quotaledger.api.StoredDecisions.StoredDecision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once: every requestId gets exactly one decision, stored once, and the grants to a recipient never
 * add up to more than its limit.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.policy.rolling-limit=10000")
class ConcurrentRequestsAreDecidedExactlyOnce {

    private static final long LIMIT = 10_000;
    private static final int CLIENTS = 16;
    private static final int REQUESTS_PER_CLIENT = 50;
    private static final Pattern RATE_LIMIT = Pattern.compile("\"post-ids\";r=(\\d+)(?:;t=(\\d+))?");

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    /** One share request as a client sends it. */
    record Sent(String requestId, long postIds, String body) {
    }

    @Test
    void manyClientsSharingWithOneRecipientNeverExceedItsLimit() {
        ledger.registerWithAllTerms("busy");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<List<Sent>> perClient = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            List<Sent> requests = new ArrayList<>();
            for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                String requestId = "busy-" + client + "-" + i;
                long postIds = random.nextInt(40) == 0 ? LIMIT + 1 + random.nextInt(1000) : 1 + random.nextInt(600);
                long userIds = random.nextInt(3) == 0 ? random.nextInt(5000) : 0;
                requests.add(new Sent(requestId, postIds, share(requestId, "busy", postIds, userIds, 0, null)));
            }
            perClient.add(requests);
        }
        Map<String, Sent> sent = perClient.stream().flatMap(List::stream)
                .collect(Collectors.toMap(Sent::requestId, Function.identity()));

        Map<String, Answer> answers = sendAll(perClient);

        String context = "seed " + seed;
        assertThat(answers).as(context).hasSize(CLIENTS * REQUESTS_PER_CLIENT);
        List<Sent> granted = new ArrayList<>();
        List<Sent> deniedForNow = new ArrayList<>();
        for (Map.Entry<String, Answer> entry : answers.entrySet()) {
            Sent request = sent.get(entry.getKey());
            Answer answer = entry.getValue();
            assertRateLimitHeadersShowTheQuotaOf(answer);
            if (request.postIds() > LIMIT) {
                assertProblem(answer, 422, "REQUEST_EXCEEDS_LIMIT");
            } else if (answer.status() == 201) {
                granted.add(request);
            } else {
                JsonNode denied = assertProblem(answer, 429, "ROLLING_LIMIT_EXCEEDED");
                assertThat(denied.path("quota").path("used").asLong() + request.postIds())
                        .as("%s: a denial must be due to the quota it shows: %s", context, answer)
                        .isGreaterThan(LIMIT);
                assertRetryAfterLeadsToRetryAt(answer);
                deniedForNow.add(request);
            }
        }
        long grantedIds = granted.stream().mapToLong(Sent::postIds).sum();
        assertThat(grantedIds).as(context).isLessThanOrEqualTo(LIMIT);
        assertGrantsFormOneSequence(granted, answers, context);

        long used = ledger.quota("busy").json().path("postIds").path("used").asLong();
        assertThat(used).as(context).isEqualTo(grantedIds);
        assertThat(deniedForNow).as("%s: the burst is large enough to reach the limit", context).isNotEmpty();
        for (Sent request : deniedForNow) {
            assertThat(used + request.postIds()).as("%s: %s was denied although it fits", context, request)
                    .isGreaterThan(LIMIT);
        }

        List<StoredDecision> stored = StoredDecisions.of(jdbc, "busy");
        assertThat(stored.stream().map(StoredDecision::requestId)).as(context)
                .containsExactlyInAnyOrderElementsOf(sent.keySet());
        assertThat(stored.stream().filter(StoredDecision::granted).map(StoredDecision::requestId))
                .as(context).containsExactlyInAnyOrderElementsOf(granted.stream().map(Sent::requestId).toList());
        assertThat(loggedRequestIds("busy")).as(context).containsExactlyInAnyOrderElementsOf(sent.keySet());

        Map<String, Answer> repeated = sendAll(perClient);
        for (Map.Entry<String, Answer> entry : repeated.entrySet()) {
            Answer original = answers.get(entry.getKey());
            assertThat(entry.getValue().status()).as("%s: repeat of %s", context, entry.getKey())
                    .isEqualTo(original.status());
            assertThat(entry.getValue().body()).as("%s: repeat of %s", context, entry.getKey())
                    .isEqualTo(original.body());
        }
        assertThat(StoredDecisions.of(jdbc, "busy")).as(context).hasSameSizeAs(stored);
    }

    @Test
    void oneRequestIdSentByManyClientsAtOnceIsDecidedOnce() {
        ledger.registerWithAllTerms("twin");
        for (int round = 0; round < 10; round++) {
            String requestId = "twin-" + round;
            String body = share(requestId, "twin", 100);

            List<Answer> answers = Race.times(8, () -> ledger.share(body));

            assertThat(answers.get(0).status()).as("%s", answers.get(0)).isEqualTo(201);
            for (Answer answer : answers) {
                assertThat(answer.status()).isEqualTo(201);
                assertThat(answer.body()).isEqualTo(answers.get(0).body());
            }
            assertThat(StoredDecisions.forRequest(jdbc, requestId)).hasSize(1);
        }
        assertThat(ledger.quota("twin").json().path("postIds").path("used").asLong()).isEqualTo(1_000);
    }

    @Test
    void oneRequestIdSentToTwoRecipientsAtOnceIsDecidedForOneOfThem() {
        ledger.registerWithAllTerms("left");
        ledger.registerWithAllTerms("right");
        Map<String, Long> roundsWon = new HashMap<>(Map.of("left", 0L, "right", 0L));
        for (int round = 0; round < 10; round++) {
            String requestId = "pair-" + round;
            List<Callable<Answer>> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                clients.add(() -> ledger.share(share(requestId, "left", 100)));
                clients.add(() -> ledger.share(share(requestId, "right", 100)));
            }

            List<Answer> answers = Race.run(clients);

            List<StoredDecision> stored = StoredDecisions.forRequest(jdbc, requestId);
            assertThat(stored).as("decisions stored for %s", requestId).hasSize(1);
            String winner = stored.get(0).recipientId();
            assertThat(loggedRecipientOf(requestId)).isEqualTo(winner);
            roundsWon.merge(winner, 1L, Long::sum);
            Answer won = null;
            for (int i = 0; i < answers.size(); i++) {
                String recipientId = i % 2 == 0 ? "left" : "right";
                Answer answer = answers.get(i);
                if (recipientId.equals(winner)) {
                    assertThat(answer.status()).as("%s", answer).isEqualTo(201);
                    assertThat(answer.json().path("recipientId").asText()).isEqualTo(winner);
                    won = won == null ? answer : won;
                    assertThat(answer.body()).isEqualTo(won.body());
                } else {
                    assertProblem(answer, 409, "REQUEST_ID_REUSED");
                }
            }
        }
        assertThat(ledger.quota("left").json().path("postIds").path("used").asLong())
                .isEqualTo(100 * roundsWon.get("left"));
        assertThat(ledger.quota("right").json().path("postIds").path("used").asLong())
                .isEqualTo(100 * roundsWon.get("right"));
    }

    @Test
    void oneRecipientRegisteredByManyClientsAtOnceIsRegisteredOnce() {
        for (int round = 0; round < 5; round++) {
            String recipientId = "solo-" + round;
            List<Callable<Answer>> clients = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String name = "Client " + i;
                String body = Requests.registration(recipientId, name, "COMPANY");
                clients.add(() -> ledger.post("/api/v1/recipients", body));
            }

            List<Answer> answers = Race.run(clients);

            List<Answer> registered = answers.stream().filter(answer -> answer.status() == 201).toList();
            assertThat(registered).as("%s", answers).hasSize(1);
            answers.stream().filter(answer -> answer.status() != 201)
                    .forEach(answer -> assertProblem(answer, 409, "RECIPIENT_ALREADY_EXISTS"));
            assertThat(ledger.get("/api/v1/recipients/" + recipientId).body()).isEqualTo(registered.get(0).body());
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                    Long.class, recipientId)).isEqualTo(1);
        }
    }

    /** {@code r} is what remains after the decision; {@code t} counts down to the next release, if one is due. */
    private static void assertRateLimitHeadersShowTheQuotaOf(Answer answer) {
        assertThat(answer.header("RateLimit-Policy")).contains("\"post-ids\";q=10000;w=2592000");
        JsonNode decision = answer.json();
        JsonNode quota = decision.path("quota");
        Matcher rateLimit = RATE_LIMIT.matcher(answer.header("RateLimit").orElse(""));
        assertThat(rateLimit.matches()).as("%s", answer).isTrue();
        assertThat(Long.parseLong(rateLimit.group(1))).as("%s", answer).isEqualTo(quota.path("remaining").asLong());
        Instant nextReleaseAt = instant(quota, "nextReleaseAt");
        if (nextReleaseAt == null) {
            assertThat(rateLimit.group(2)).as("%s", answer).isNull();
        } else {
            long untilRelease = Duration.between(instant(decision, "decidedAt"), nextReleaseAt).toSeconds();
            assertThat(Long.parseLong(rateLimit.group(2))).as("%s", answer)
                    .isLessThanOrEqualTo(untilRelease + 1).isGreaterThan(untilRelease - 60);
        }
    }

    /** Waiting Retry-After seconds from the answer (after the decision) gets a client to retryAt, and not far past. */
    private static void assertRetryAfterLeadsToRetryAt(Answer answer) {
        JsonNode denied = answer.json();
        Duration untilRetry = Duration.between(instant(denied, "decidedAt"), instant(denied, "retryAt"));
        long retryAfter = Long.parseLong(answer.header("Retry-After").orElseThrow());
        assertThat(retryAfter).as("%s", answer)
                .isLessThanOrEqualTo(untilRetry.toSeconds() + 1)
                .isGreaterThan(untilRetry.toSeconds() - 60);
    }

    /** Grants decided one after another each add their count to the one before: no two saw the same quota. */
    private static void assertGrantsFormOneSequence(List<Sent> granted, Map<String, Answer> answers, String context) {
        List<Sent> inOrder = granted.stream()
                .sorted(Comparator.comparingLong(request -> usedAfter(answers.get(request.requestId()))))
                .toList();
        long used = 0;
        for (Sent request : inOrder) {
            used += request.postIds();
            assertThat(usedAfter(answers.get(request.requestId())))
                    .as("%s: quota after granting %s", context, request).isEqualTo(used);
        }
    }

    private static long usedAfter(Answer granted) {
        return granted.json().path("quota").path("used").asLong();
    }

    private Map<String, Answer> sendAll(List<List<Sent>> perClient) {
        Map<String, Answer> answers = new ConcurrentHashMap<>();
        List<Callable<Void>> clients = new ArrayList<>();
        for (List<Sent> requests : perClient) {
            clients.add(() -> {
                for (Sent request : requests) {
                    Answer previous = answers.put(request.requestId(), ledger.share(request.body()));
                    assertThat(previous).isNull();
                }
                return null;
            });
        }
        Race.run(clients);
        return answers;
    }

    private Set<String> loggedRequestIds(String recipientId) {
        return Set.copyOf(jdbc.queryForList("SELECT request_id FROM request_log WHERE aggregate_identifier = ?",
                String.class, recipientId));
    }

    private String loggedRecipientOf(String requestId) {
        return jdbc.queryForObject("SELECT aggregate_identifier FROM request_log WHERE request_id = ?", String.class,
                requestId);
    }
}

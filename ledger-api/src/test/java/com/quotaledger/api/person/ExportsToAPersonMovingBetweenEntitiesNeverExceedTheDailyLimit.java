package com.quotaledger.api.person;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.PersonRequests;
import com.quotaledger.api.Race;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import com.quotaledger.api.PersonRequests.StoredExport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.quotaledger.api.PersonRequests.affiliate;
import static com.quotaledger.api.PersonRequests.affiliated;
import static com.quotaledger.api.PersonRequests.endAffiliation;
import static com.quotaledger.api.PersonRequests.export;
import static com.quotaledger.api.PersonRequests.exportObjects;
import static com.quotaledger.api.PersonRequests.person;
import static com.quotaledger.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many exports to one person at once, while the person is moved back and forth between two entities: the person's
 * objects for the day never exceed 500 whichever entity each export went through, and every request gets exactly one
 * decision, stored once. The test clock stands still, so the whole burst falls on one day.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
class ExportsToAPersonMovingBetweenEntitiesNeverExceedTheDailyLimit {

    private static final long DAILY_LIMIT = 500;
    private static final int EXPORTERS = 8;
    private static final int EXPORTS_PER_EXPORTER = 15;
    private static final int MAX_MOVES = 400;
    private static final String PERSON = "p-mover";

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    /** One export request as a client sends it. */
    record Sent(String requestId, long objects, String body) {
    }

    @Test
    void concurrentExportsAndMovesGrantAtMostTheDailyLimitAndDecideEachRequestOnce() {
        ledger.registerWithAllTerms("east");
        ledger.registerWithAllTerms("west");
        affiliated(ledger, "east", PERSON);
        long seed = System.nanoTime();
        String context = "seed " + seed;
        Random random = new Random(seed);
        List<List<Sent>> perExporter = new ArrayList<>();
        for (int exporter = 0; exporter < EXPORTERS; exporter++) {
            List<Sent> requests = new ArrayList<>();
            for (int i = 0; i < EXPORTS_PER_EXPORTER; i++) {
                String requestId = "move-" + exporter + "-" + i;
                long posts = random.nextInt(30);
                long users = 1 + random.nextInt(30);
                requests.add(new Sent(requestId, posts + users, export(requestId, PERSON, posts, users)));
            }
            perExporter.add(requests);
        }
        Map<String, Sent> sent = perExporter.stream().flatMap(List::stream)
                .collect(Collectors.toMap(Sent::requestId, Function.identity()));

        Map<String, Answer> answers = new ConcurrentHashMap<>();
        AtomicInteger moves = new AtomicInteger();
        CountDownLatch exportersDone = new CountDownLatch(EXPORTERS);
        List<Callable<Void>> clients = new ArrayList<>();
        for (List<Sent> requests : perExporter) {
            clients.add(() -> {
                try {
                    for (Sent request : requests) {
                        assertThat(answers.put(request.requestId(), exportObjects(ledger, request.body()))).isNull();
                    }
                } finally {
                    exportersDone.countDown();
                }
                return null;
            });
        }
        clients.add(() -> {
            String from = "east";
            while (exportersDone.getCount() > 0 && moves.get() < MAX_MOVES) {
                String to = from.equals("east") ? "west" : "east";
                Answer left = endAffiliation(ledger, from, PERSON);
                assertThat(left.status()).as("%s: leaving %s: %s", context, from, left).isEqualTo(204);
                Answer joined = affiliate(ledger, to, PERSON);
                assertThat(joined.status()).as("%s: joining %s: %s", context, to, joined).isEqualTo(201);
                from = to;
                moves.incrementAndGet();
            }
            return null;
        });

        Race.run(clients);

        assertThat(answers).as(context).hasSize(EXPORTERS * EXPORTS_PER_EXPORTER);
        assertThat(moves.get()).as("%s: the person moved while exports were decided", context).isGreaterThan(2);
        List<Sent> granted = new ArrayList<>();
        int deniedForTheDay = 0;
        for (Map.Entry<String, Answer> entry : answers.entrySet()) {
            Sent request = sent.get(entry.getKey());
            Answer answer = entry.getValue();
            if (answer.status() == 201) {
                JsonNode decision = answer.json();
                assertThat(decision.path("decision").asText()).isEqualTo("GRANTED");
                assertThat(decision.path("recipientId").asText()).as("%s: %s", context, answer).isIn("east", "west");
                granted.add(request);
            } else if (answer.status() == 429) {
                JsonNode denied = assertProblem(answer, 429, "DAILY_OBJECT_LIMIT_EXCEEDED");
                assertThat(denied.path("objects").path("used").asLong() + request.objects())
                        .as("%s: a denial must be due to the allowance it shows: %s", context, answer)
                        .isGreaterThan(DAILY_LIMIT);
                deniedForTheDay++;
            } else {
                // between two entities the person has no terms but the entity's, and no entity
                assertProblem(answer, 422, "TERMS_NOT_ACCEPTED");
            }
        }
        long grantedObjects = granted.stream().mapToLong(Sent::objects).sum();
        assertThat(grantedObjects).as(context).isLessThanOrEqualTo(DAILY_LIMIT);
        assertThat(deniedForTheDay).as("%s: the burst is large enough to reach the limit", context).isPositive();
        assertGrantsFormOneSequence(granted, answers, context);

        JsonNode person = person(ledger, PERSON).json();
        assertThat(person.path("objectsToday").path("used").asLong()).as(context).isEqualTo(grantedObjects);
        String entity = person.path("recipientId").asText();
        String otherEntity = entity.equals("east") ? "west" : "east";
        assertThat(ledger.get("/api/v1/recipients/" + entity).json().path("persons").toString())
                .as("%s: both sides of the affiliation agree", context).contains(PERSON);
        assertThat(ledger.get("/api/v1/recipients/" + otherEntity).json().path("persons").toString())
                .as("%s: both sides of the affiliation agree", context).doesNotContain(PERSON);

        List<StoredExport> stored = PersonRequests.storedExports(jdbc);
        assertThat(stored.stream().map(StoredExport::requestId)).as(context)
                .containsExactlyInAnyOrderElementsOf(sent.keySet());
        assertThat(stored.stream().filter(StoredExport::granted).map(StoredExport::requestId)).as(context)
                .containsExactlyInAnyOrderElementsOf(granted.stream().map(Sent::requestId).toList());
        assertThat(stored.stream().filter(StoredExport::granted).mapToLong(StoredExport::objects).sum())
                .as(context).isEqualTo(grantedObjects);
        assertThat(jdbc.queryForList("SELECT request_id FROM request_log WHERE request_id LIKE 'move-%'",
                String.class)).as(context).containsExactlyInAnyOrderElementsOf(sent.keySet());

        for (Sent request : sent.values()) {
            Answer again = exportObjects(ledger, request.body());
            Answer original = answers.get(request.requestId());
            assertThat(again.status()).as("%s: repeat of %s", context, request.requestId())
                    .isEqualTo(original.status());
            assertThat(again.body()).as("%s: repeat of %s", context, request.requestId())
                    .isEqualTo(original.body());
        }
        assertThat(PersonRequests.storedExports(jdbc)).as(context).hasSameSizeAs(stored);
    }

    /** Grants decided one after another each add their objects to the one before: no two saw the same day. */
    private static void assertGrantsFormOneSequence(List<Sent> granted, Map<String, Answer> answers,
                                                    String context) {
        List<Sent> inOrder = granted.stream()
                .sorted(Comparator.comparingLong(request -> usedAfter(answers.get(request.requestId()))))
                .toList();
        long used = 0;
        for (Sent request : inOrder) {
            used += request.objects();
            assertThat(usedAfter(answers.get(request.requestId())))
                    .as("%s: objects used after granting %s", context, request).isEqualTo(used);
        }
    }

    private static long usedAfter(Answer granted) {
        return granted.json().path("objects").path("used").asLong();
    }
}

package com.quotaledger.api.storage;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.MixedWorkload;
import com.quotaledger.api.Race;
import com.quotaledger.api.LedgerClient.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once, with every kind of request that does not store an event mixed in (a recipient that does not
 * exist, a requestId sent again, the same requestId with other content, a request larger than the limit): every
 * identity value the event store hands out becomes an event, and the read models' tokens never carry a list of gaps,
 * so that following the store stays as cheap as the store is long.
 */
@FreshLedger
class SustainedLoadLeavesNoGapsInTheEventStore {

    private static final int CLIENTS = 16;
    private static final int REQUESTS_PER_CLIENT = 120;
    private static final List<String> RECIPIENTS = List.of("gap-0", "gap-1", "gap-2", "gap-3", "gap-4");

    LedgerClient ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    Serializer serializer;

    @Autowired
    MeterRegistry meters;

    @Test
    void everyIdentityValueBecomesAnEventAndNoTokenCarriesGaps() throws Exception {
        RECIPIENTS.forEach(ledger::registerWithAllTerms);
        double groupsTakenAgainBefore = meters.get("ledger.commands.groups.taken.again").counter().count();
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger mostGaps = new AtomicInteger();
        Thread watcher = new Thread(() -> {
            while (loading.get()) {
                mostGaps.accumulateAndGet(mostGapsInATokenNow(), Math::max);
                sleep(Duration.ofMillis(20));
            }
        });
        watcher.start();

        List<Callable<Map<Integer, Integer>>> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int number = client;
            clients.add(() -> {
                Random random = new Random(20261203L + number);
                Map<Integer, Integer> statuses = new TreeMap<>();
                for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    String requestId = "gap-" + number + "-" + i;
                    String recipient = RECIPIENTS.get(random.nextInt(RECIPIENTS.size()));
                    Answer answer = switch (random.nextInt(10)) {
                        case 0 -> ledger.share(share(requestId, "gap-absent", 10));
                        case 1 -> ledger.share(share("gap-" + number + "-" + Math.max(0, i - 1), recipient, 7));
                        case 2 -> ledger.share(share(requestId, recipient, 2_000_000));
                        default -> ledger.share(share(requestId, recipient, 1 + random.nextInt(400)));
                    };
                    statuses.merge(answer.status(), 1, Integer::sum);
                }
                return statuses;
            });
        }
        List<Map<Integer, Integer>> statuses = Race.run(clients);
        MixedWorkload.awaitReadModelsCaughtUp(ledger, Duration.ofSeconds(30));
        loading.set(false);
        watcher.join();

        assertThat(statuses.stream().flatMap(answers -> answers.keySet().stream()))
                .as("the mix reached the ledger: grants, unknown recipients, reused and oversized requests")
                .contains(201, 404, 409, 422);
        long events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
        long highestIndex = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        long lowestIndex = jdbc.queryForObject("SELECT MIN(global_index) FROM domain_event_entry", Long.class);
        assertThat(meters.get("ledger.commands.groups.taken.again").counter().count() - groupsTakenAgainBefore)
                .as("no group had to be taken again").isZero();
        assertThat(highestIndex - lowestIndex + 1).as("identity values handed out").isEqualTo(events);
        // one thread writes the node's events, in the order it commits them, so a reader never waits for one
        assertThat(mostGaps).as("the most gaps a token held during the load").hasValue(0);
        assertThat(mostGapsInATokenNow()).isZero();
    }

    private int mostGapsInATokenNow() {
        return jdbc.query("SELECT token, token_type FROM token_entry WHERE token IS NOT NULL", (row, index) -> {
            TrackingToken token = serializer.deserialize(
                    new SimpleSerializedObject<>(row.getBytes(1), byte[].class, row.getString(2), null));
            return WrappedToken.unwrap(token, GapAwareTrackingToken.class)
                    .map(gapAware -> gapAware.getGaps().size()).orElse(0);
        }).stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

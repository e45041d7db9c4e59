package com.quotaledger.api.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerClient.Answer;
import com.quotaledger.api.Race;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import static com.quotaledger.api.Requests.reservation;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clients racing to reserve, share and confirm in full against one recipient never hold or use more than its limit.
 * Nothing is voided or confirmed in part and nothing expires (the test clock stands still), so capacity only ever
 * fills: the final figures bound every earlier one, and must equal the sum of what was answered granted.
 */
@FreshLedger
@TestPropertySource(properties = {"ledger.test-clock.enabled=true", "ledger.policy.rolling-limit=5000"})
class ReservationsRacingSharesNeverExceedTheLimit {

    private static final long LIMIT = 5_000;
    private static final int CLIENTS = 12;
    private static final int STEPS_PER_CLIENT = 30;

    LedgerClient ledger;

    /** What one client was granted: shares and confirmed reservations (used), and reservations still open. */
    record Granted(long used, long reserved, int denied) {
    }

    @Test
    void reservationsAndSharesToOneRecipientNeverAddUpBeyondItsLimit() {
        ledger.registerWithAllTerms("race");
        long seed = System.nanoTime();
        List<Callable<Granted>> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            Random random = new Random(seed + client);
            int id = client;
            clients.add(() -> race(id, random));
        }

        List<Granted> granted = Race.run(clients);

        long used = granted.stream().mapToLong(Granted::used).sum();
        long reserved = granted.stream().mapToLong(Granted::reserved).sum();
        JsonNode quota = ledger.quota("race").json().path("postIds");
        String context = "seed " + seed + ": " + quota;
        assertThat(used + reserved).as(context).isLessThanOrEqualTo(LIMIT);
        assertThat(quota.path("used").asLong()).as(context).isEqualTo(used);
        assertThat(quota.path("reserved").asLong()).as(context).isEqualTo(reserved);
        assertThat(granted.stream().mapToInt(Granted::denied).sum()).as("%s: the limit was reached", context)
                .isPositive();
    }

    private Granted race(int client, Random random) {
        long used = 0;
        long reserved = 0;
        int denied = 0;
        List<String[]> open = new ArrayList<>();
        for (int step = 0; step < STEPS_PER_CLIENT; step++) {
            String requestId = "race-" + client + "-" + step;
            long postIds = 1 + random.nextInt(400);
            int dice = random.nextInt(3);
            if (dice == 0 && !open.isEmpty()) {
                String[] reservation = open.remove(random.nextInt(open.size()));
                Answer confirmed = ledger.post("/api/v1/reservations/" + reservation[0] + "/confirm",
                        "{\"requestId\":\"" + requestId + "\"}");
                assertThat(confirmed.status()).as("%s", confirmed).isEqualTo(201);
                long count = Long.parseLong(reservation[1]);
                reserved -= count;
                used += count;
            } else if (dice == 1) {
                Answer answer = ledger.post("/api/v1/reservations", reservation(requestId, "race", postIds, "PT1H"));
                assertThat(answer.status()).as("%s", answer).isIn(201, 429);
                if (answer.status() == 201) {
                    open.add(new String[]{answer.json().path("reservationId").asText(), Long.toString(postIds)});
                    reserved += postIds;
                } else {
                    denied++;
                }
            } else {
                Answer answer = ledger.share(share(requestId, "race", postIds));
                assertThat(answer.status()).as("%s", answer).isIn(201, 429);
                if (answer.status() == 201) {
                    used += postIds;
                } else {
                    denied++;
                }
            }
        }
        return new Granted(used, reserved, denied);
    }
}

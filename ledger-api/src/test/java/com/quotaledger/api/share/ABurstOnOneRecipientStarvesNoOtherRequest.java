package com.quotaledger.api.share;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Race;
import com.quotaledger.api.Requests;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Far more clients than the database has connections, most of them sharing to one recipient, with a snapshot every
 * few events: every request is decided, none fails for want of a connection. Requests waiting for a busy recipient
 * hold no connection, so the one deciding for it (and snapshotting it after) always finds one.
 */
@FreshLedger
@TestPropertySource(properties = {"spring.datasource.hikari.maximum-pool-size=6",
        "spring.datasource.hikari.connection-timeout=3000", "ledger.snapshots.event-threshold=3",
        "ledger.policy.rolling-limit=100000"})
class ABurstOnOneRecipientStarvesNoOtherRequest {

    private static final int HOT_CLIENTS = 40;
    private static final int COOL_CLIENTS = 8;
    private static final int REQUESTS_PER_CLIENT = 10;

    LedgerClient ledger;

    @Test
    void everyRequestIsDecidedWhileOneRecipientIsBusy() {
        ledger.registerWithAllTerms("busy");
        for (int cool = 0; cool < COOL_CLIENTS; cool++) {
            ledger.registerWithAllTerms("quiet-" + cool);
        }
        List<Callable<List<Answer>>> clients = new ArrayList<>();
        for (int client = 0; client < HOT_CLIENTS + COOL_CLIENTS; client++) {
            String recipient = client < HOT_CLIENTS ? "busy" : "quiet-" + (client - HOT_CLIENTS);
            int number = client;
            clients.add(() -> {
                List<Answer> answers = new ArrayList<>();
                for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    answers.add(ledger.share(share("burst-" + number + "-" + i, recipient, 300)));
                }
                return answers;
            });
        }

        List<Answer> answers = Race.run(clients).stream().flatMap(List::stream).toList();

        assertThat(answers).hasSize((HOT_CLIENTS + COOL_CLIENTS) * REQUESTS_PER_CLIENT);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).as("%s", answer).isIn(201, 429));
        assertThat(ledger.quota("busy").json().path("postIds").path("used").asLong())
                .isEqualTo(answers.stream().limit((long) HOT_CLIENTS * REQUESTS_PER_CLIENT)
                        .filter(answer -> answer.status() == 201).count() * 300);
    }
}

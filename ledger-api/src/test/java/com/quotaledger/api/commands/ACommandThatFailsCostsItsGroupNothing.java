package com.quotaledger.api.commands;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Race;
import com.quotaledger.api.Requests;
import com.quotaledger.api.LedgerClient.Answer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that fail inside their command (a recipient that does not exist, a person that does not exist), mixed
 * with requests that are granted: each failure undoes only its own savepoint, so no group has to be taken again
 * command by command, and the grants around it count.
 */
@FreshLedger
class ACommandThatFailsCostsItsGroupNothing {

    private static final int CLIENTS = 16;
    private static final int REQUESTS_PER_CLIENT = 10;

    LedgerClient ledger;

    @Autowired
    MeterRegistry meters;

    @Test
    void failuresAmongGrantsLeaveEveryGroupCommitted() {
        ledger.registerWithAllTerms("present");
        double groupsTakenAgainBefore = groupsTakenAgain();
        double groupsWithFailuresBefore = groupsWithFailures();

        List<Callable<List<Answer>>> clients = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int number = client;
            clients.add(() -> {
                List<Answer> answers = new ArrayList<>();
                for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                    String recipient = number % 2 == 0 ? "present" : "absent";
                    answers.add(ledger.share(share("mixed-" + number + "-" + i, recipient, 1_000)));
                }
                return answers;
            });
        }
        List<Answer> answers = Race.run(clients).stream().flatMap(List::stream).toList();

        assertThat(answers).filteredOn(answer -> answer.status() == 201).hasSize(CLIENTS / 2 * REQUESTS_PER_CLIENT);
        assertThat(answers).filteredOn(answer -> answer.status() == 404).hasSize(CLIENTS / 2 * REQUESTS_PER_CLIENT);
        assertThat(ledger.quota("present").json().path("postIds").path("used").asLong())
                .isEqualTo(CLIENTS / 2 * REQUESTS_PER_CLIENT * 1_000L);
        assertThat(groupsTakenAgain() - groupsTakenAgainBefore).as("groups taken again command by command")
                .isZero();
        assertThat(groupsWithFailures() - groupsWithFailuresBefore)
                .as("groups that committed grants beside a failed command").isPositive();
    }

    private double groupsWithFailures() {
        return meters.get("ledger.commands.groups.with.failures").counter().count();
    }

    private double groupsTakenAgain() {
        return meters.get("ledger.commands.groups.taken.again").counter().count();
    }
}

package com.quotaledger.ledger;

import com.quotaledger.ids.PersonIds;
import com.quotaledger.person.api.AffiliatePersonCommand;
import com.quotaledger.person.api.PersonAffiliatedElsewhereException;
import com.quotaledger.person.api.PersonAffiliatedEvent;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.DescribeRecipientCommand;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two entities try to take in the same new person at the same moment. The person comes into being once, in exactly
 * one of them; the other is told the person is affiliated elsewhere, and neither history says otherwise.
 */
class RacingFirstAffiliationsLeaveAPersonInOneEntity {

    private static final List<String> ENTITIES = List.of("acme-research", "globex-labs");
    private static final int ROUNDS = 40;

    private final InMemoryLedger ledger = new InMemoryLedger(MutableClock.at(Instant.parse("2025-03-01T09:00:00Z")),
            RedistributionPolicy.defaults());
    private final ExecutorService threads = Executors.newFixedThreadPool(ENTITIES.size());

    @AfterEach
    void close() {
        threads.shutdownNow();
        ledger.close();
    }

    @Test
    void exactlyOneAffiliationWinsEachRace() throws Exception {
        for (String entity : ENTITIES) {
            ledger.send(new RegisterRecipientCommand(entity, entity, RecipientKind.COMPANY));
        }

        for (int round = 0; round < ROUNDS; round++) {
            String personId = "person-" + round;
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> attempts = new ArrayList<>();
            for (String entity : ENTITIES) {
                attempts.add(threads.submit(() -> {
                    start.await();
                    try {
                        ledger.send(new AffiliatePersonCommand(personId, entity));
                        return entity;
                    } catch (PersonAffiliatedElsewhereException e) {
                        return null;
                    }
                }));
            }
            start.countDown();
            List<String> winners = new ArrayList<>();
            for (Future<String> attempt : attempts) {
                String winner = attempt.get(30, TimeUnit.SECONDS);
                if (winner != null) {
                    winners.add(winner);
                }
            }

            assertThat(winners).as(personId).hasSize(1);
            assertThat(ledger.storage().eventPayloads(PersonIds.aggregateId(personId))).as(personId)
                    .singleElement().isInstanceOfSatisfying(PersonAffiliatedEvent.class,
                            affiliated -> assertThat(affiliated.recipientId()).isEqualTo(winners.get(0)));
            for (String entity : ENTITIES) {
                RecipientView view = ledger.send(new DescribeRecipientCommand(entity));
                assertThat(view.persons().contains(personId)).as("%s in %s", personId, entity)
                        .isEqualTo(entity.equals(winners.get(0)));
            }
        }
    }
}

package com.quotaledger.recipient;

import com.quotaledger.ledger.MutableClock;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.RecipientRegisteredEvent;
import com.quotaledger.recipient.api.RecipientView;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static com.quotaledger.recipient.RecipientExamples.KIND;
import static com.quotaledger.recipient.RecipientExamples.NAME;
import static com.quotaledger.recipient.RecipientExamples.NO_EXEMPTIONS;
import static com.quotaledger.recipient.RecipientExamples.RECIPIENT_ID;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.register;
import static com.quotaledger.recipient.RecipientExamples.registered;

class RegisteringARecipientRecordsItAtTheLedgersTime {

    private final MutableClock clock = MutableClock.at(REGISTERED_AT);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void registrationRecordsTheRecipientAndTheClocksTime() {
        fixture.givenNoPriorActivity()
                .when(register())
                .expectSuccessfulHandlerExecution()
                .expectEvents(new RecipientRegisteredEvent(RECIPIENT_ID, NAME, KIND, REGISTERED_AT));
    }

    @Test
    void registrationTimeIsTruncatedToTheMillisecond() {
        clock.set(Instant.parse("2025-03-01T09:00:00.123456789Z"));

        fixture.givenNoPriorActivity()
                .when(register())
                .expectEvents(new RecipientRegisteredEvent(RECIPIENT_ID, NAME, KIND,
                        Instant.parse("2025-03-01T09:00:00.123Z")));
    }

    @Test
    void aNewRecipientHasAcceptedNoTermsAndUsedNoQuota() {
        fixture.given(registered())
                .when(describe())
                .expectNoEvents()
                .expectResultMessagePayload(new RecipientView(RECIPIENT_ID, NAME, KIND, REGISTERED_AT, Map.of(),
                        false, Set.of(), REGISTERED_AT, quotaAt(REGISTERED_AT).build(), IdCounts.NONE, NO_EXEMPTIONS));
    }
}

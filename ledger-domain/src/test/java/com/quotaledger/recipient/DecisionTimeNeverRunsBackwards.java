package com.quotaledger.recipient;

import com.quotaledger.ledger.MutableClock;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.acceptTerms;
import static com.quotaledger.recipient.RecipientExamples.allTermsAccepted;
import static com.quotaledger.recipient.RecipientExamples.deniedUntil;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.registered;
import static com.quotaledger.recipient.RecipientExamples.share;
import static com.quotaledger.recipient.RecipientExamples.termsAccepted;
import static com.quotaledger.terms.api.TermsDocument.TERMS_OF_SERVICE;

class DecisionTimeNeverRunsBackwards {

    private static final Instant GRANTED_AT = REGISTERED_AT.plus(Duration.ofDays(1));
    private static final Instant DENIED_AT = REGISTERED_AT.plus(Duration.ofDays(2));

    private final MutableClock clock = MutableClock.at(GRANTED_AT);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void aGrantWithTheClockSteppedBackTakesTheTimeOfTheLastEvent() {
        clock.set(GRANTED_AT.minus(Duration.ofDays(1)));

        fixture.given(history().granted(GRANTED_AT, 100).events())
                .when(share(200))
                .expectEvents(granted(share(200),
                        quotaAt(GRANTED_AT).used(300).releasing(300, GRANTED_AT.plus(WINDOW))));
    }

    @Test
    void aDenialWithTheClockSteppedBackTakesTheTimeOfTheLastEvent() {
        clock.set(GRANTED_AT.minusMillis(1));

        fixture.given(history().granted(GRANTED_AT, LIMIT).events())
                .when(share(1))
                .expectEvents(deniedUntil(share(1), GRANTED_AT.plus(WINDOW),
                        quotaAt(GRANTED_AT).used(LIMIT).releasing(LIMIT, GRANTED_AT.plus(WINDOW))));
    }

    @Test
    void theLastEventMayBeADenial() {
        clock.set(GRANTED_AT.plus(Duration.ofHours(1)));

        fixture.given(history().granted(GRANTED_AT, LIMIT).denied(DENIED_AT, 1).events())
                .when(share(1))
                .expectEvents(deniedUntil(share(1), GRANTED_AT.plus(WINDOW),
                        quotaAt(DENIED_AT).used(LIMIT).releasing(LIMIT, GRANTED_AT.plus(WINDOW))));
    }

    @Test
    void acceptingTermsWithTheClockSteppedBackTakesTheTimeOfTheLastEvent() {
        clock.set(REGISTERED_AT.minus(Duration.ofHours(1)));

        fixture.given(registered())
                .when(acceptTerms(TERMS_OF_SERVICE))
                .expectEvents(termsAccepted(REGISTERED_AT, TERMS_OF_SERVICE));
    }

    @Test
    void aClockSteppedBackDoesNotBringExpiredSharesBack() {
        Instant secondGrant = GRANTED_AT.plus(WINDOW);
        clock.set(secondGrant.minus(Duration.ofDays(1)));

        fixture.given(history().granted(GRANTED_AT, LIMIT).granted(secondGrant, LIMIT).events())
                .when(share(1))
                .expectEvents(deniedUntil(share(1), secondGrant.plus(WINDOW),
                        quotaAt(secondGrant).used(LIMIT).releasing(LIMIT, secondGrant.plus(WINDOW))));
    }

    @Test
    void onceTheClockPassesTheLastEventItsTimeIsUsedAgain() {
        clock.set(GRANTED_AT.plusMillis(1));

        fixture.given(history().granted(GRANTED_AT, 100).events())
                .when(share(200))
                .expectEvents(granted(share(200), quotaAt(GRANTED_AT.plusMillis(1))
                        .used(300).releasing(100, GRANTED_AT.plus(WINDOW))));
    }

    @Test
    void theDecisionTimeIsTheClockTruncatedToTheMillisecond() {
        clock.set(GRANTED_AT.plusNanos(999_999));

        fixture.given(registered(), allTermsAccepted())
                .when(share(200))
                .expectEvents(granted(share(200),
                        quotaAt(GRANTED_AT).used(200).releasing(200, GRANTED_AT.plus(WINDOW))));
    }
}

package com.quotaledger.recipient;

import com.quotaledger.ledger.MutableClock;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.deniedUntil;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.share;

class AShareThatDoesNotFitTheWindowIsDeniedUntilItFits {

    private static final Instant FIRST = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant SECOND = REGISTERED_AT.plus(Duration.ofDays(2));
    private static final Instant THIRD = REGISTERED_AT.plus(Duration.ofDays(5));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(10));

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void theRetryTimeIsWhenTheOldestShareLeavesIfThatFreesEnough() {
        fixture.given(history().granted(FIRST, 1_000_000).granted(SECOND, 400_000).events())
                .when(share(200_000))
                .expectEvents(deniedUntil(share(200_000), FIRST.plus(WINDOW),
                        quotaAt(NOW).used(1_400_000).releasing(1_000_000, FIRST.plus(WINDOW))));
    }

    @Test
    void theRetryTimeWaitsForAsManySharesToLeaveAsTheRequestNeeds() {
        fixture.given(history().granted(FIRST, 600_000).granted(SECOND, 600_000).granted(THIRD, 300_000).events())
                .when(share(1_000_000))
                .expectEvents(deniedUntil(share(1_000_000), SECOND.plus(WINDOW),
                        quotaAt(NOW).used(1_500_000).releasing(600_000, FIRST.plus(WINDOW))));
    }

    @Test
    void theDenialIsWhatTheCommandReturns() {
        fixture.given(history().granted(FIRST, 1_500_000).events())
                .when(share(1))
                .expectResultMessagePayload(deniedUntil(share(1), FIRST.plus(WINDOW),
                        quotaAt(NOW).used(1_500_000).releasing(1_500_000, FIRST.plus(WINDOW))));
    }

    @Test
    void aMillisecondBeforeTheRetryTimeTheShareIsStillDenied() {
        Instant justBefore = FIRST.plus(WINDOW).minusMillis(1);
        clock.set(justBefore);

        fixture.given(history().granted(FIRST, 1_000_000).granted(SECOND, 400_000).events())
                .when(share(200_000))
                .expectEvents(deniedUntil(share(200_000), FIRST.plus(WINDOW),
                        quotaAt(justBefore).used(1_400_000).releasing(1_000_000, FIRST.plus(WINDOW))));
    }

    @Test
    void atTheRetryTimeTheSameShareIsGranted() {
        Instant retryAt = FIRST.plus(WINDOW);
        clock.set(retryAt);

        fixture.given(history().granted(FIRST, 1_000_000).granted(SECOND, 400_000).events())
                .when(share(200_000))
                .expectEvents(granted(share(200_000),
                        quotaAt(retryAt).used(600_000).releasing(400_000, SECOND.plus(WINDOW))));
    }
}

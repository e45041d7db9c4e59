package com.quotaledger.recipient;

import com.quotaledger.ledger.MutableClock;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.allTermsAccepted;
import static com.quotaledger.recipient.RecipientExamples.deniedUntil;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.registered;
import static com.quotaledger.recipient.RecipientExamples.share;
import static com.quotaledger.recipient.RecipientExamples.viewWithQuota;

class TheRollingLimitHoldsExactlyAtItsBoundaries {

    private static final Instant S = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant LATER = S.plus(Duration.ofDays(1));
    private static final Instant LEAVES = S.plus(WINDOW);

    private final MutableClock clock = MutableClock.at(LATER);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void exactlyTheLimitIsGranted() {
        clock.set(S);

        fixture.given(registered(), allTermsAccepted())
                .when(share(LIMIT))
                .expectEvents(granted(share(LIMIT), quotaAt(S).used(LIMIT).releasing(LIMIT, LEAVES)));
    }

    @Test
    void theLastFreeIdIsGranted() {
        fixture.given(history().granted(S, LIMIT - 1).events())
                .when(share(1))
                .expectEvents(granted(share(1), quotaAt(LATER).used(LIMIT).releasing(LIMIT - 1, LEAVES)));
    }

    @Test
    void oneIdMoreThanFitsIsDenied() {
        fixture.given(history().granted(S, LIMIT - 1).events())
                .when(share(2))
                .expectEvents(deniedUntil(share(2), LEAVES,
                        quotaAt(LATER).used(LIMIT - 1).releasing(LIMIT - 1, LEAVES)));
    }

    @Test
    void aShareStillCountsOneMillisecondBeforeItLeaves() {
        Instant justBefore = LEAVES.minusMillis(1);
        clock.set(justBefore);

        fixture.given(history().granted(S, LIMIT).events())
                .when(share(1))
                .expectEvents(deniedUntil(share(1), LEAVES, quotaAt(justBefore).used(LIMIT).releasing(LIMIT, LEAVES)));
    }

    @Test
    void aShareLeavesTheWindowExactlyOneWindowAfterItWasGranted() {
        clock.set(LEAVES);

        fixture.given(history().granted(S, LIMIT).events())
                .when(share(LIMIT))
                .expectEvents(granted(share(LIMIT), quotaAt(LEAVES).used(LIMIT).releasing(LIMIT, LEAVES.plus(WINDOW))));
    }

    @Test
    void sharesGrantedAtTheSameInstantAreOneRelease() {
        fixture.given(history().granted(S, 500_000).granted(S, 300_000).granted(S, 200_000)
                        .granted(LATER, 100_000).events())
                .when(describe())
                .expectResultMessagePayloadMatching(viewWithQuota(
                        quotaAt(LATER).used(1_100_000).releasing(1_000_000, LEAVES)));
    }

    @Test
    void sharesGrantedAtTheSameInstantStillCountOneMillisecondBeforeTheyLeave() {
        clock.set(LEAVES.minusMillis(1));

        fixture.given(history().granted(S, 500_000).granted(S, 300_000).granted(S, 200_000)
                        .granted(LATER, 100_000).events())
                .when(describe())
                .expectResultMessagePayloadMatching(viewWithQuota(
                        quotaAt(LEAVES.minusMillis(1)).used(1_100_000).releasing(1_000_000, LEAVES)));
    }

    @Test
    void sharesGrantedAtTheSameInstantLeaveTogether() {
        clock.set(LEAVES);

        fixture.given(history().granted(S, 500_000).granted(S, 300_000).granted(S, 200_000)
                        .granted(LATER, 100_000).events())
                .when(describe())
                .expectResultMessagePayloadMatching(viewWithQuota(
                        quotaAt(LEAVES).used(100_000).releasing(100_000, LATER.plus(WINDOW))));
    }

    @Test
    void aRetryTimeCountsOnEveryShareOfTheSameInstantLeaving() {
        fixture.given(history().granted(S, 700_000).granted(S, 800_000).events())
                .when(share(1_500_000))
                .expectEvents(deniedUntil(share(1_500_000), LEAVES,
                        quotaAt(LATER).used(LIMIT).releasing(1_500_000, LEAVES)));
    }
}

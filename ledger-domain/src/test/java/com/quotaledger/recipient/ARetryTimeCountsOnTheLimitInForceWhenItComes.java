package com.quotaledger.recipient;

import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.ledger.MutableClock;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.recipient.ExemptionExamples.PERMISSION_ID;
import static com.quotaledger.recipient.ExemptionExamples.permission;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.deniedUntil;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.share;

/**
 * A rolling-limit denial tells the client when the same share fits. While a written permission raises the limit,
 * that instant must be worked out against the limit in force then, which is the default again once the permission
 * has ended.
 */
class ARetryTimeCountsOnTheLimitInForceWhenItComes {

    private static final Instant GRANTED_AT = REGISTERED_AT.plus(Duration.ofMinutes(30));
    private static final Instant FIRST = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant SECOND = REGISTERED_AT.plus(Duration.ofDays(2));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(3));
    private static final Instant UNTIL = REGISTERED_AT.plus(Duration.ofDays(10));
    private static final LimitPermission PERMISSION = permission(PERMISSION_ID, 2_000_000, REGISTERED_AT, UNTIL,
            GRANTED_AT);

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void aRetryTimeAfterThePermissionEndedCountsOnTheDefaultLimit() {
        // Under the permission's 2,000,000 the first share leaving would make room for 600,000 more; by then the
        // permission has ended, and under the default 1,500,000 only the second share leaving does.
        fixture.given(history().permissionGranted(PERMISSION).granted(FIRST, 1_000_000).granted(SECOND, 1_000_000)
                        .events())
                .when(share(600_000))
                .expectEvents(deniedUntil(share(600_000), SECOND.plus(WINDOW),
                        quotaAt(NOW).limitFrom(PERMISSION_ID, 2_000_000).used(2_000_000)
                                .releasing(1_000_000, FIRST.plus(WINDOW))));
    }

    @Test
    void atThatRetryTimeTheShareIsGranted() {
        clock.set(SECOND.plus(WINDOW));

        fixture.given(history().permissionGranted(PERMISSION).granted(FIRST, 1_000_000).granted(SECOND, 1_000_000)
                        .denied(NOW, 600_000).events())
                .when(share(600_000))
                .expectEvents(granted(share(600_000), quotaAt(SECOND.plus(WINDOW)).used(600_000)
                        .releasing(600_000, SECOND.plus(WINDOW).plus(WINDOW))));
    }

    @Test
    void atTheRetryTimeCountedOnThePermissionTheShareIsDeniedAgain() {
        clock.set(FIRST.plus(WINDOW));

        fixture.given(history().permissionGranted(PERMISSION).granted(FIRST, 1_000_000).granted(SECOND, 1_000_000)
                        .denied(NOW, 600_000).events())
                .when(share(600_000))
                .expectEvents(deniedUntil(share(600_000), SECOND.plus(WINDOW), quotaAt(FIRST.plus(WINDOW))
                        .used(1_000_000).releasing(1_000_000, SECOND.plus(WINDOW))));
    }
}

package com.quotaledger.recipient;

import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.ledger.MutableClock;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.decision.DenialReason.REQUEST_EXCEEDS_LIMIT;
import static com.quotaledger.recipient.ExemptionExamples.PERMISSION_ID;
import static com.quotaledger.recipient.ExemptionExamples.permission;
import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.denied;
import static com.quotaledger.recipient.RecipientExamples.deniedUntil;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.share;
import static com.quotaledger.recipient.RecipientExamples.viewWithQuota;

class AWrittenPermissionRaisesTheLimitWhileItHolds {

    private static final Instant GRANTED_AT = REGISTERED_AT.plus(Duration.ofMinutes(30));
    private static final Instant FROM = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant EARLIER = REGISTERED_AT.plus(Duration.ofHours(2));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(2));
    private static final Instant UNTIL = REGISTERED_AT.plus(Duration.ofDays(10));
    private static final long RAISED = 2_000_000;
    /** 2,000,000 Post IDs in the window, in [FROM, UNTIL): ends well before a share granted under it leaves. */
    private static final LimitPermission PERMISSION = permission(PERMISSION_ID, RAISED, FROM, UNTIL, GRANTED_AT);

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void whileItHoldsTheQuotaHasItsLimitAndNamesIt() {
        fixture.given(history().permissionGranted(PERMISSION).events())
                .when(share(1_800_000))
                .expectEvents(granted(share(1_800_000), quotaAt(NOW).limitFrom(PERMISSION_ID, RAISED)
                        .used(1_800_000).releasing(1_800_000, NOW.plus(WINDOW))));
    }

    @Test
    void aRequestLargerThanThePermittedLimitIsTooLarge() {
        fixture.given(history().permissionGranted(PERMISSION).events())
                .when(share(RAISED + 1))
                .expectEvents(denied(share(RAISED + 1), REQUEST_EXCEEDS_LIMIT,
                        quotaAt(NOW).limitFrom(PERMISSION_ID, RAISED)));
    }

    @Test
    void exactlyThePermittedLimitIsGranted() {
        fixture.given(history().permissionGranted(PERMISSION).events())
                .when(share(RAISED))
                .expectEvents(granted(share(RAISED), quotaAt(NOW).limitFrom(PERMISSION_ID, RAISED)
                        .used(RAISED).releasing(RAISED, NOW.plus(WINDOW))));
    }

    @Test
    void aMillisecondBeforeValidFromTheDefaultAppliesAndTheShareWaitsForThePermission() {
        clock.set(FROM.minusMillis(1));

        fixture.given(history().permissionGranted(PERMISSION).events())
                .when(share(1_800_000))
                .expectEvents(deniedUntil(share(1_800_000), FROM, quotaAt(FROM.minusMillis(1))));
    }

    @Test
    void atValidFromThePermissionApplies() {
        clock.set(FROM);

        fixture.given(history().permissionGranted(PERMISSION).events())
                .when(describe())
                .expectResultMessagePayloadMatching(viewWithQuota(quotaAt(FROM).limitFrom(PERMISSION_ID, RAISED)));
    }

    @Test
    void aPermissionBelowTheDefaultLeavesTheDefaultInForce() {
        fixture.given(history().permissionGranted(permission(PERMISSION_ID, 1_000_000, FROM, UNTIL, GRANTED_AT))
                        .events())
                .when(share(1_200_000))
                .expectEvents(granted(share(1_200_000),
                        quotaAt(NOW).used(1_200_000).releasing(1_200_000, NOW.plus(WINDOW))));
    }

    @Test
    void ofSeveralValidPermissionsTheHighestApplies() {
        fixture.given(history().permissionGranted(permission("x-limit-a", 3_000_000, FROM, UNTIL, GRANTED_AT))
                        .permissionGranted(permission("x-limit-b", 4_000_000, FROM, UNTIL, GRANTED_AT))
                        .permissionGranted(permission("x-limit-c", 2_500_000, FROM, UNTIL, GRANTED_AT))
                        .permissionGranted(permission("x-limit-d", 9_000_000, UNTIL, UNTIL.plus(WINDOW), GRANTED_AT))
                        .events())
                .when(describe())
                .expectResultMessagePayloadMatching(viewWithQuota(quotaAt(NOW).limitFrom("x-limit-b", 4_000_000)));
    }

    @Test
    void atValidUntilTheDefaultAppliesAgainToTheSameWindow() {
        clock.set(UNTIL);

        fixture.given(history().permissionGranted(PERMISSION).granted(EARLIER, 1_800_000).events())
                .when(describe())
                .expectResultMessagePayloadMatching(viewWithQuota(
                        quotaAt(UNTIL).used(1_800_000).releasing(1_800_000, EARLIER.plus(WINDOW))));
    }

    @Test
    void afterItEndsSharesAreDeniedUntilEnoughHasLeftTheWindow() {
        clock.set(UNTIL);

        fixture.given(history().permissionGranted(PERMISSION).granted(EARLIER, 1_800_000).events())
                .when(share(1))
                .expectEvents(deniedUntil(share(1), EARLIER.plus(WINDOW),
                        quotaAt(UNTIL).used(1_800_000).releasing(1_800_000, EARLIER.plus(WINDOW))));
    }

    @Test
    void onceEnoughHasLeftTheDefaultLimitIsAvailableAgain() {
        Instant left = EARLIER.plus(WINDOW);
        clock.set(left);

        fixture.given(history().permissionGranted(PERMISSION).granted(EARLIER, 1_800_000).events())
                .when(share(LIMIT))
                .expectEvents(granted(share(LIMIT), quotaAt(left).used(LIMIT).releasing(LIMIT, left.plus(WINDOW))));
    }

    @Test
    void fromItsRevocationTheDefaultApplies() {
        Instant revokedAt = NOW.minus(Duration.ofHours(1));

        fixture.given(history().permissionGranted(PERMISSION).granted(EARLIER, 1_600_000)
                        .revoked(ExemptionKind.LIMIT_PERMISSION, PERMISSION_ID, revokedAt).events())
                .when(share(1))
                .expectEvents(deniedUntil(share(1), EARLIER.plus(WINDOW),
                        quotaAt(NOW).used(1_600_000).releasing(1_600_000, EARLIER.plus(WINDOW))));
    }
}

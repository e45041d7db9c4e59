package com.quotaledger.recipient;

import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.ledger.MutableClock;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.decision.DenialReason.REQUEST_EXCEEDS_LIMIT;
import static com.quotaledger.recipient.ExemptionExamples.PERMISSION_ID;
import static com.quotaledger.recipient.ExemptionExamples.permission;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.denied;
import static com.quotaledger.recipient.RecipientExamples.deniedUntil;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.ids;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.share;

/**
 * Whether a share is too large for good or only for now depends on every limit recorded from now on: the default,
 * permissions in force, permissions that start later and the instants they end. A share that fits at some instant is
 * told that instant; one that fits at none is too large; one that counts nothing adds nothing and is granted.
 */
class AShareWaitsForTheFirstInstantItFitsUnderTheLimitsRecorded {

    private static final Instant SHARED_AT = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(1));
    private static final Instant PERMISSION_ENDS = REGISTERED_AT.plus(Duration.ofDays(10));
    /** 5,000,000 for ten days, 4,000,000 of it used at once. */
    private static final LimitPermission TEN_DAYS = permission(PERMISSION_ID, 5_000_000, REGISTERED_AT,
            PERMISSION_ENDS, REGISTERED_AT);

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void aShareThatFitsNeitherWhileThePermissionHoldsNorAfterItIsTooLarge() {
        // 4,000,000 + 2,000,000 is over 5,000,000 until the permission ends, and 2,000,000 alone is over the default
        fixture.given(history().permissionGranted(TEN_DAYS).granted(SHARED_AT, 4_000_000).events())
                .when(share(2_000_000))
                .expectEvents(denied(share(2_000_000), REQUEST_EXCEEDS_LIMIT, quotaAt(NOW)
                        .limitFrom(PERMISSION_ID, 5_000_000).used(4_000_000)
                        .releasing(4_000_000, SHARED_AT.plus(WINDOW))));
    }

    @Test
    void aShareThatFitsTheDefaultOnceTheWindowEmptiesWaitsForIt() {
        fixture.given(history().permissionGranted(TEN_DAYS).granted(SHARED_AT, 4_000_000).events())
                .when(share(1_200_000))
                .expectEvents(deniedUntil(share(1_200_000), SHARED_AT.plus(WINDOW), quotaAt(NOW)
                        .limitFrom(PERMISSION_ID, 5_000_000).used(4_000_000)
                        .releasing(4_000_000, SHARED_AT.plus(WINDOW))));
    }

    @Test
    void aShareThatFitsAPermissionRecordedForLaterWaitsForItsStart() {
        Instant recordedOn = Instant.parse("2025-03-15T10:00:00Z");
        Instant first = Instant.parse("2025-04-01T00:00:00Z");
        Instant lastDayBefore = Instant.parse("2025-03-31T12:00:00Z");
        LimitPermission nextMonth = permission(PERMISSION_ID, 2_000_000, first, first.plus(Duration.ofDays(30)),
                recordedOn);
        clock.set(lastDayBefore);

        fixture.given(history().permissionGranted(nextMonth).events())
                .when(share(1_800_000))
                .expectEvents(deniedUntil(share(1_800_000), first, quotaAt(lastDayBefore)));
    }

    @Test
    void aShareOfUncountedIdsIsGrantedWhileTheWindowIsAboveALoweredLimit() {
        clock.set(PERMISSION_ENDS.plus(Duration.ofDays(1)));

        fixture.given(history().permissionGranted(TEN_DAYS).granted(SHARED_AT, 4_000_000).events())
                .when(share(ids(0, 1_000, 0)))
                .expectEvents(granted(share(ids(0, 1_000, 0)), quotaAt(PERMISSION_ENDS.plus(Duration.ofDays(1)))
                        .used(4_000_000).releasing(4_000_000, SHARED_AT.plus(WINDOW))));
    }

    @Test
    void aShareOfOneCountedIdThenWaitsForTheWindowToDrain() {
        Instant afterTheEnd = PERMISSION_ENDS.plus(Duration.ofDays(1));
        clock.set(afterTheEnd);

        fixture.given(history().permissionGranted(TEN_DAYS).granted(SHARED_AT, 4_000_000).events())
                .when(share(ids(1, 1_000, 0)))
                .expectEvents(deniedUntil(share(ids(1, 1_000, 0)), SHARED_AT.plus(WINDOW), quotaAt(afterTheEnd)
                        .used(4_000_000).releasing(4_000_000, SHARED_AT.plus(WINDOW))));
    }
}

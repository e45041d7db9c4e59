package com.quotaledger.recipient;

import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.recipient.api.ConfirmReservationCommand;
import com.quotaledger.recipient.api.ConfirmReservationRequest;
import com.quotaledger.recipient.api.DescribeReservationCommand;
import com.quotaledger.recipient.api.ExceedsReservationException;
import com.quotaledger.recipient.api.ExpireReservationCommand;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.ReservationConfirmedEvent;
import com.quotaledger.recipient.api.ReservationDeniedEvent;
import com.quotaledger.recipient.api.ReservationExpiredEvent;
import com.quotaledger.recipient.api.ReservationGrantedEvent;
import com.quotaledger.recipient.api.ReservationNotFoundException;
import com.quotaledger.recipient.api.ReservationNotOpenException;
import com.quotaledger.recipient.api.ReservationRequest;
import com.quotaledger.recipient.api.ReservationState;
import com.quotaledger.recipient.api.ReservationView;
import com.quotaledger.recipient.api.ReservationVoidedEvent;
import com.quotaledger.recipient.api.ReserveIdsCommand;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.recipient.api.VoidReservationCommand;
import com.quotaledger.recipient.api.VoidReservationRequest;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.decision.DenialReason.APPROVAL_EXHAUSTED;
import static com.quotaledger.decision.DenialReason.ROLLING_LIMIT_EXCEEDED;
import static com.quotaledger.decision.DenialReason.TERMS_NOT_ACCEPTED;
import static com.quotaledger.recipient.ExemptionExamples.APPROVAL_ID;
import static com.quotaledger.recipient.ExemptionExamples.PERMISSION_ID;
import static com.quotaledger.recipient.ExemptionExamples.approval;
import static com.quotaledger.recipient.ExemptionExamples.permission;
import static com.quotaledger.recipient.RecipientExamples.PURPOSE;
import static com.quotaledger.recipient.RecipientExamples.RECIPIENT_ID;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.academicShare;
import static com.quotaledger.recipient.RecipientExamples.denied;
import static com.quotaledger.recipient.RecipientExamples.deniedUntil;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.historyWithoutTerms;
import static com.quotaledger.recipient.RecipientExamples.ids;
import static com.quotaledger.recipient.RecipientExamples.posts;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.share;

/** Every transition of a reservation, and every reason a step on one is refused. */
class AReservationHoldsItsIdsUntilConfirmedVoidedOrExpired {

    private static final Instant RESERVED_AT = REGISTERED_AT.plus(Duration.ofDays(1));
    private static final Duration HOLD = Duration.ofMinutes(30);
    private static final Instant EXPIRES_AT = RESERVED_AT.plus(HOLD);
    private static final String RESERVATION_ID = RECIPIENT_ID + "~first";
    private static final IdCounts RESERVED = ids(1_000_000, 200, 0);

    private final MutableClock clock = MutableClock.at(RESERVED_AT);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void aReservationThatFitsIsGrantedAndItsIdsAreReservedBesideTheUsedOnes() {
        fixture.given(history().granted(REGISTERED_AT, 300_000).events())
                .when(reserve(RESERVED))
                .expectEvents(new ReservationGrantedEvent(request(RESERVED), RESERVATION_ID, RESERVED_AT, EXPIRES_AT,
                        quotaAt(RESERVED_AT).used(300_000).reserved(1_000_000)
                                .releasing(300_000, REGISTERED_AT.plus(WINDOW)).build(), null));
    }

    @Test
    void aReservationIsDeniedAsTheShareItHoldsWouldBe() {
        fixture.given(historyWithoutTerms().events())
                .when(reserve(RESERVED))
                .expectEvents(new ReservationDeniedEvent(request(RESERVED), TERMS_NOT_ACCEPTED, RESERVED_AT, null,
                        quotaAt(RESERVED_AT).build(), null, List.of()));
    }

    @Test
    void aShareThatFitsOnlyBesideNoReservationWaitsForItsExpiry() {
        clock.set(RESERVED_AT.plusMillis(5));
        ShareIdsCommand share = share(600_000);

        fixture.given(reserved())
                .when(share)
                .expectEvents(deniedUntil(share, EXPIRES_AT, quotaAt(RESERVED_AT.plusMillis(5)).reserved(1_000_000)));
    }

    @Test
    void aReservationThatDoesNotFitIsDeniedUntilTheOneBeforeItExpires() {
        clock.set(RESERVED_AT.plusMillis(5));
        ReservationRequest second = new ReservationRequest(share(600_000).request(), HOLD);

        fixture.given(reserved())
                .when(new ReserveIdsCommand(second, RECIPIENT_ID + "~second"))
                .expectEvents(new ReservationDeniedEvent(second, ROLLING_LIMIT_EXCEEDED, RESERVED_AT.plusMillis(5),
                        EXPIRES_AT, quota(RESERVED_AT.plusMillis(5), 0, 1_000_000), null, List.of()));
    }

    @Test
    void atItsExpiryAReservationHoldsNothingThoughNoEventRecordedIt() {
        clock.set(EXPIRES_AT);
        ShareIdsCommand share = share(600_000);

        fixture.given(reserved())
                .when(share)
                .expectEvents(granted(share, quotaAt(EXPIRES_AT).used(600_000)
                        .releasing(600_000, EXPIRES_AT.plus(WINDOW))));
    }

    @Test
    void aConfirmationInFullCountsTheIdsInTheWindowFromItsOwnTime() {
        Instant at = RESERVED_AT.plus(Duration.ofMinutes(10));
        clock.set(at);
        ConfirmReservationRequest confirm = confirm(null);

        fixture.given(reserved())
                .when(new ConfirmReservationCommand(confirm, "share-1"))
                .expectEvents(new ReservationConfirmedEvent(confirm, delivered(RESERVED), "share-1", at,
                        quotaAt(at).used(1_000_000).releasing(1_000_000, at.plus(WINDOW)).build(), null,
                        IdCounts.NONE));
    }

    @Test
    void aConfirmationOfFewerReleasesTheRestAtOnce() {
        Instant at = RESERVED_AT.plus(Duration.ofMinutes(10));
        clock.set(at);
        ConfirmReservationRequest confirm = confirm(ids(400_000, 200, 0));

        fixture.given(reserved())
                .when(new ConfirmReservationCommand(confirm, "share-1"))
                .expectEvents(new ReservationConfirmedEvent(confirm, delivered(ids(400_000, 200, 0)), "share-1", at,
                        quotaAt(at).used(400_000).releasing(400_000, at.plus(WINDOW)).build(), null,
                        ids(600_000, 0, 0)));
    }

    @Test
    void aReservationHeldUnderAPermissionThatEndedIsStillConfirmedAboveTheDefaultLimit() {
        Instant permissionEnds = RESERVED_AT.plus(Duration.ofMinutes(5));
        List<Object> events = new ArrayList<>(history().permissionGranted(permission(PERMISSION_ID, 2_000_000,
                REGISTERED_AT, permissionEnds, REGISTERED_AT)).events());
        ReservationRequest large = new ReservationRequest(share(1_800_000).request(), HOLD);
        events.add(new ReservationGrantedEvent(large, RESERVATION_ID, RESERVED_AT, EXPIRES_AT,
                quotaAt(RESERVED_AT).limitFrom(PERMISSION_ID, 2_000_000).reserved(1_800_000).build(), null));
        Instant at = permissionEnds.plusSeconds(1);
        clock.set(at);
        ConfirmReservationRequest confirm = confirm(null);

        fixture.given(events)
                .when(new ConfirmReservationCommand(confirm, "share-1"))
                .expectEvents(new ReservationConfirmedEvent(confirm, new ShareRequest("confirm-1", RECIPIENT_ID,
                        null, posts(1_800_000), ShareBasis.STANDARD, PURPOSE), "share-1", at,
                        quotaAt(at).used(1_800_000).releasing(1_800_000, at.plus(WINDOW)).build(), null,
                        IdCounts.NONE));
    }

    @Test
    void aConfirmationOfMoreOfAnyKindThanReservedIsRefusedAndRecordsNothing() {
        fixture.given(reserved())
                .when(new ConfirmReservationCommand(confirm(ids(1, 201, 0)), "share-1"))
                .expectException(ExceedsReservationException.class)
                .expectNoEvents();
    }

    @Test
    void anExpiredReservationCannotBeConfirmedAndTheRefusalSaysItExpired() {
        clock.set(EXPIRES_AT);

        fixture.given(reserved())
                .when(new ConfirmReservationCommand(confirm(null), "share-1"))
                .expectException(ReservationNotOpenException.class)
                .expectExceptionMessage("reservation " + RESERVATION_ID + " is EXPIRED since " + EXPIRES_AT)
                .expectNoEvents();
    }

    @Test
    void aVoidedReservationCannotBeConfirmedAndTheRefusalSaysItWasVoided() {
        Instant voidedAt = RESERVED_AT.plusSeconds(60);
        List<Object> events = reserved();
        events.add(new ReservationVoidedEvent(new VoidReservationRequest("void-1", RESERVATION_ID), voidedAt,
                RESERVED, quota(voidedAt, 0, 0)));
        clock.set(voidedAt.plusSeconds(1));

        fixture.given(events)
                .when(new ConfirmReservationCommand(confirm(null), "share-1"))
                .expectException(ReservationNotOpenException.class)
                .expectExceptionMessage("reservation " + RESERVATION_ID + " is VOIDED since " + voidedAt);
    }

    @Test
    void aConfirmedReservationCannotBeConfirmedOrVoidedAgain() {
        Instant confirmedAt = RESERVED_AT.plusSeconds(60);
        List<Object> events = reserved();
        events.add(new ReservationConfirmedEvent(confirm(null), delivered(RESERVED), "share-1", confirmedAt,
                quotaAt(confirmedAt).used(1_000_000).releasing(1_000_000, confirmedAt.plus(WINDOW)).build(), null,
                IdCounts.NONE));
        clock.set(confirmedAt.plusSeconds(1));

        fixture.given(events)
                .when(new VoidReservationCommand(new VoidReservationRequest("void-1", RESERVATION_ID)))
                .expectException(ReservationNotOpenException.class)
                .expectExceptionMessage("reservation " + RESERVATION_ID + " is CONFIRMED since " + confirmedAt);
    }

    @Test
    void anUnknownReservationIsNotFound() {
        fixture.given(reserved())
                .when(new ConfirmReservationCommand(new ConfirmReservationRequest("confirm-1",
                        RECIPIENT_ID + "~other", null), "share-1"))
                .expectException(ReservationNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void aVoidReleasesEverythingAtOnce() {
        Instant at = RESERVED_AT.plusSeconds(60);
        clock.set(at);
        VoidReservationRequest voiding = new VoidReservationRequest("void-1", RESERVATION_ID);

        fixture.given(reserved())
                .when(new VoidReservationCommand(voiding))
                .expectEvents(new ReservationVoidedEvent(voiding, at, RESERVED, quota(at, 0, 0)));
    }

    @Test
    void anExpiryIsRecordedOnlyFromItsInstantAndOnlyOnce() {
        clock.set(EXPIRES_AT.minusMillis(1));
        fixture.given(reserved())
                .when(new ExpireReservationCommand(RESERVATION_ID))
                .expectResultMessagePayload(false)
                .expectNoEvents();

        clock.set(EXPIRES_AT.plusSeconds(2));
        fixture.given(reserved())
                .when(new ExpireReservationCommand(RESERVATION_ID))
                .expectResultMessagePayload(true)
                .expectEvents(new ReservationExpiredEvent(RESERVATION_ID, EXPIRES_AT, EXPIRES_AT.plusSeconds(2),
                        RESERVED));

        List<Object> expired = reserved();
        expired.add(new ReservationExpiredEvent(RESERVATION_ID, EXPIRES_AT, EXPIRES_AT.plusSeconds(2), RESERVED));
        fixture.given(expired)
                .when(new ExpireReservationCommand(RESERVATION_ID))
                .expectResultMessagePayload(false)
                .expectNoEvents();
    }

    @Test
    void aReservationIsDescribedAsExpiredFromItsExpiryAndForgottenAWindowLater() {
        clock.set(EXPIRES_AT);
        fixture.given(reserved())
                .when(new DescribeReservationCommand(RESERVATION_ID))
                .expectResultMessagePayload(new ReservationView(RESERVATION_ID, "reserve-1", request(RESERVED).share(),
                        RESERVED_AT, EXPIRES_AT, ReservationState.EXPIRED, EXPIRES_AT, null, null, EXPIRES_AT))
                .expectNoEvents();

        clock.set(EXPIRES_AT.plus(WINDOW));
        fixture.given(reserved())
                .when(new DescribeReservationCommand(RESERVATION_ID))
                .expectException(ReservationNotFoundException.class);
    }

    @Test
    void anAcademicReservationHoldsBudgetOfItsApprovalAndItsConfirmationDrawsOnIt() {
        AcademicApproval approval = approval(1_000, 50, REGISTERED_AT, REGISTERED_AT.plus(Duration.ofDays(90)),
                REGISTERED_AT);
        ShareRequest held = academicShare(APPROVAL_ID, ids(700, 10, 0)).request();
        ReservationRequest reservation = new ReservationRequest(held, HOLD);
        List<Object> events = new ArrayList<>(history().approvalGranted(approval).events());
        events.add(new ReservationGrantedEvent(reservation, RESERVATION_ID, RESERVED_AT, EXPIRES_AT,
                quotaAt(RESERVED_AT).build(), approval));
        Instant at = RESERVED_AT.plusSeconds(1);
        clock.set(at);

        ShareIdsCommand tooMuch = academicShare(APPROVAL_ID, ids(301, 0, 0));
        fixture.given(events)
                .when(tooMuch)
                .expectEvents(denied(tooMuch, APPROVAL_EXHAUSTED, quotaAt(at), approval));

        ConfirmReservationRequest confirm = confirm(ids(500, 10, 0));
        fixture.given(events)
                .when(new ConfirmReservationCommand(confirm, "share-1"))
                .expectEvents(new ReservationConfirmedEvent(confirm, new ShareRequest("confirm-1", RECIPIENT_ID,
                        null, ids(500, 10, 0), ShareBasis.academicApproval(APPROVAL_ID), PURPOSE), "share-1", at,
                        quotaAt(at).build(), approval.afterUsing(500, 10), ids(200, 0, 0)));
    }

    private static ReserveIdsCommand reserve(IdCounts ids) {
        return new ReserveIdsCommand(request(ids), RESERVATION_ID);
    }

    private static ReservationRequest request(IdCounts ids) {
        return new ReservationRequest(new ShareRequest("reserve-1", RECIPIENT_ID, null, ids, ShareBasis.STANDARD,
                PURPOSE), HOLD);
    }

    private static ConfirmReservationRequest confirm(IdCounts ids) {
        return new ConfirmReservationRequest("confirm-1", RESERVATION_ID, ids);
    }

    private static ShareRequest delivered(IdCounts ids) {
        return new ShareRequest("confirm-1", RECIPIENT_ID, null, ids, ShareBasis.STANDARD, PURPOSE);
    }

    /** The history of a recipient with the reservation of {@link #RESERVED} for {@link #HOLD}, granted. */
    private static List<Object> reserved() {
        List<Object> events = new ArrayList<>(history().events());
        events.add(new ReservationGrantedEvent(request(RESERVED), RESERVATION_ID, RESERVED_AT, EXPIRES_AT,
                quota(RESERVED_AT, 0, 1_000_000), null));
        return events;
    }

    private static Quota quota(Instant at, long used, long reserved) {
        return quotaAt(at).used(used).reserved(reserved).build();
    }
}

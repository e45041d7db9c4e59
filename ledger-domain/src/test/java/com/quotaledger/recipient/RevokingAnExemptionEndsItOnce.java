package com.quotaledger.recipient;

import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.exemption.api.ExemptionNotFoundException;
import com.quotaledger.ledger.MutableClock;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.recipient.ExemptionExamples.ACCESS_ID;
import static com.quotaledger.recipient.ExemptionExamples.APPROVAL_ID;
import static com.quotaledger.recipient.ExemptionExamples.PERMISSION_ID;
import static com.quotaledger.recipient.ExemptionExamples.access;
import static com.quotaledger.recipient.ExemptionExamples.accessGranted;
import static com.quotaledger.recipient.ExemptionExamples.approval;
import static com.quotaledger.recipient.ExemptionExamples.approvalGranted;
import static com.quotaledger.recipient.ExemptionExamples.permission;
import static com.quotaledger.recipient.ExemptionExamples.permissionGranted;
import static com.quotaledger.recipient.ExemptionExamples.revoke;
import static com.quotaledger.recipient.ExemptionExamples.revoked;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.registered;
import static org.axonframework.test.matchers.Matchers.matches;

class RevokingAnExemptionEndsItOnce {

    private static final Instant GRANTED_AT = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant FROM = REGISTERED_AT;
    private static final Instant UNTIL = REGISTERED_AT.plus(Duration.ofDays(200));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(3));

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @ParameterizedTest
    @EnumSource(ExemptionKind.class)
    void revokingRecordsTheLedgersTime(ExemptionKind kind) {
        fixture.given(registeredWithEachKind())
                .when(revoke(kind, idOf(kind)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(revoked(kind, idOf(kind), NOW));
    }

    @ParameterizedTest
    @EnumSource(ExemptionKind.class)
    void revokingTwiceChangesNothing(ExemptionKind kind) {
        fixture.given(registeredWithEachKind(revoked(kind, idOf(kind), GRANTED_AT.plusSeconds(1))))
                .when(revoke(kind, idOf(kind)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anUnknownIdIsNotFound() {
        fixture.given(registeredWithEachKind())
                .when(revoke(ExemptionKind.ACADEMIC_APPROVAL, "x-academic/2025-018"))
                .expectNoEvents()
                .expectException(matches((ExemptionNotFoundException e) ->
                        e.kind() == ExemptionKind.ACADEMIC_APPROVAL && e.exemptionId().equals("x-academic/2025-018")));
    }

    @Test
    void theIdOfAnExemptionOfAnotherKindIsNotFound() {
        fixture.given(registeredWithEachKind())
                .when(revoke(ExemptionKind.LIMIT_PERMISSION, APPROVAL_ID))
                .expectNoEvents()
                .expectException(ExemptionNotFoundException.class);
    }

    @Test
    void withTheClockSteppedBackARevocationTakesTheTimeOfTheLastEvent() {
        clock.set(GRANTED_AT.minus(Duration.ofDays(1)));

        fixture.given(registeredWithEachKind())
                .when(revoke(ExemptionKind.ACADEMIC_APPROVAL, APPROVAL_ID))
                .expectEvents(revoked(ExemptionKind.ACADEMIC_APPROVAL, APPROVAL_ID, GRANTED_AT));
    }

    /** A recipient with one exemption of each kind, and then {@code more}. */
    private static List<Object> registeredWithEachKind(Object... more) {
        List<Object> events = new ArrayList<>(List.of(registered(),
                approvalGranted(approval(1_000, 0, FROM, UNTIL, GRANTED_AT)),
                accessGranted(access(FROM, UNTIL, GRANTED_AT)),
                permissionGranted(permission(PERMISSION_ID, 2_000_000, FROM, UNTIL, GRANTED_AT))));
        events.addAll(List.of(more));
        return events;
    }

    private static String idOf(ExemptionKind kind) {
        return switch (kind) {
            case ACADEMIC_APPROVAL -> APPROVAL_ID;
            case DSA_ARTICLE_40 -> ACCESS_ID;
            case LIMIT_PERMISSION -> PERMISSION_ID;
        };
    }
}

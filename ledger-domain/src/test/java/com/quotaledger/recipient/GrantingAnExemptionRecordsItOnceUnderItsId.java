package com.quotaledger.recipient;

import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.DsaAccess;
import com.quotaledger.exemption.api.ExemptionAlreadyExistsException;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.exemption.api.Exemptions;
import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.recipient.api.RecipientView;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.quotaledger.recipient.ExemptionExamples.ACCESS_ID;
import static com.quotaledger.recipient.ExemptionExamples.APPROVAL_ID;
import static com.quotaledger.recipient.ExemptionExamples.PERMISSION_ID;
import static com.quotaledger.recipient.ExemptionExamples.access;
import static com.quotaledger.recipient.ExemptionExamples.accessGranted;
import static com.quotaledger.recipient.ExemptionExamples.approval;
import static com.quotaledger.recipient.ExemptionExamples.approvalGranted;
import static com.quotaledger.recipient.ExemptionExamples.grantAccess;
import static com.quotaledger.recipient.ExemptionExamples.grantApproval;
import static com.quotaledger.recipient.ExemptionExamples.grantPermission;
import static com.quotaledger.recipient.ExemptionExamples.permission;
import static com.quotaledger.recipient.ExemptionExamples.permissionGranted;
import static com.quotaledger.recipient.ExemptionExamples.revoked;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.registered;
import static org.axonframework.test.matchers.Matchers.matches;

class GrantingAnExemptionRecordsItOnceUnderItsId {

    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(1));
    private static final Instant FROM = REGISTERED_AT.plus(Duration.ofDays(2));
    private static final Instant UNTIL = REGISTERED_AT.plus(Duration.ofDays(200));
    private static final Instant EARLIER = REGISTERED_AT.plus(Duration.ofHours(1));

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void anAcademicApprovalIsRecordedWithNothingUsedAndTheLedgersTimeOfTheGrant() {
        AcademicApproval recorded = approval(1_000, 50, FROM, UNTIL, NOW);

        fixture.given(registered())
                .when(grantApproval(1_000, 50, FROM, UNTIL))
                .expectEvents(approvalGranted(recorded))
                .expectResultMessagePayload(recorded);
    }

    @Test
    void aDsaAccessIsRecordedWithTheLedgersTimeOfTheGrant() {
        DsaAccess recorded = access(FROM, UNTIL, NOW);

        fixture.given(registered())
                .when(grantAccess(FROM, UNTIL))
                .expectEvents(accessGranted(recorded))
                .expectResultMessagePayload(recorded);
    }

    @Test
    void aLimitPermissionIsRecordedWithTheLedgersTimeOfTheGrant() {
        LimitPermission recorded = permission(PERMISSION_ID, 3_000_000, FROM, UNTIL, NOW);

        fixture.given(registered())
                .when(grantPermission(PERMISSION_ID, 3_000_000, FROM, UNTIL))
                .expectEvents(permissionGranted(recorded))
                .expectResultMessagePayload(recorded);
    }

    @Test
    void anApprovalIdTakenAlreadyIsRefused() {
        fixture.given(registered(), approvalGranted(approval(1_000, 50, FROM, UNTIL, EARLIER)))
                .when(grantApproval(9_000, 0, FROM, UNTIL))
                .expectNoEvents()
                .expectException(ExemptionAlreadyExistsException.class);
    }

    @Test
    void anAccessIdTakenAlreadyIsRefused() {
        fixture.given(registered(), accessGranted(access(FROM, UNTIL, EARLIER)))
                .when(grantAccess(NOW, UNTIL))
                .expectNoEvents()
                .expectException(ExemptionAlreadyExistsException.class);
    }

    @Test
    void aPermissionIdTakenAlreadyIsRefused() {
        fixture.given(registered(), permissionGranted(permission(PERMISSION_ID, 2_000_000, FROM, UNTIL, EARLIER)))
                .when(grantPermission(PERMISSION_ID, 3_000_000, FROM, UNTIL))
                .expectNoEvents()
                .expectException(matches((ExemptionAlreadyExistsException e) ->
                        e.kind() == ExemptionKind.LIMIT_PERMISSION && e.exemptionId().equals(PERMISSION_ID)));
    }

    @Test
    void anIdStaysTakenAfterItsExemptionWasRevoked() {
        fixture.given(registered(), approvalGranted(approval(1_000, 50, FROM, UNTIL, EARLIER)),
                        revoked(ExemptionKind.ACADEMIC_APPROVAL, APPROVAL_ID, EARLIER))
                .when(grantApproval(1_000, 50, FROM, UNTIL))
                .expectNoEvents()
                .expectException(ExemptionAlreadyExistsException.class);
    }

    @Test
    void withTheClockSteppedBackAGrantTakesTheTimeOfTheLastEvent() {
        clock.set(REGISTERED_AT.minus(Duration.ofDays(1)));

        fixture.given(registered())
                .when(grantAccess(FROM, UNTIL))
                .expectEvents(accessGranted(access(FROM, UNTIL, REGISTERED_AT)));
    }

    @Test
    void theDescriptionListsEveryExemptionAsItStands() {
        fixture.given(registered(), approvalGranted(approval(1_000, 50, FROM, UNTIL, EARLIER)),
                        accessGranted(access(FROM, UNTIL, EARLIER)),
                        permissionGranted(permission(PERMISSION_ID, 2_000_000, FROM, UNTIL, EARLIER)),
                        revoked(ExemptionKind.DSA_ARTICLE_40, ACCESS_ID, EARLIER.plusSeconds(1)))
                .when(describe())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches((RecipientView view) -> view.exemptions().equals(
                        new Exemptions(List.of(approval(1_000, 50, FROM, UNTIL, EARLIER)),
                                List.of(access(FROM, UNTIL, EARLIER).revokedAt(EARLIER.plusSeconds(1))),
                                List.of(permission(PERMISSION_ID, 2_000_000, FROM, UNTIL, EARLIER))))));
    }
}

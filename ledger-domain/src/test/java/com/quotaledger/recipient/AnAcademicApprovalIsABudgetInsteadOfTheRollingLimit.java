package com.quotaledger.recipient;

import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.ShareBasis;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.quotaledger.decision.DenialReason.APPROVAL_EXHAUSTED;
import static com.quotaledger.decision.DenialReason.APPROVAL_NOT_FOUND;
import static com.quotaledger.decision.DenialReason.APPROVAL_NOT_VALID;
import static com.quotaledger.decision.DenialReason.BASIS_DOES_NOT_COVER_DM_IDS;
import static com.quotaledger.decision.DenialReason.PERSON_NOT_AFFILIATED;
import static com.quotaledger.decision.DenialReason.TERMS_NOT_ACCEPTED;
import static com.quotaledger.recipient.ExemptionExamples.APPROVAL_ID;
import static com.quotaledger.recipient.ExemptionExamples.approval;
import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.PERSON_ID;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.academicShare;
import static com.quotaledger.recipient.RecipientExamples.denied;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.historyWithoutTerms;
import static com.quotaledger.recipient.RecipientExamples.ids;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.share;
import static org.axonframework.test.matchers.Matchers.matches;

class AnAcademicApprovalIsABudgetInsteadOfTheRollingLimit {

    private static final Instant GRANTED_AT = REGISTERED_AT.plus(Duration.ofMinutes(30));
    private static final Instant FROM = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant EARLIER = REGISTERED_AT.plus(Duration.ofHours(2));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(2));
    private static final Instant UNTIL = REGISTERED_AT.plus(Duration.ofDays(100));
    /** 1,000 Post IDs and 50 User IDs, valid in [FROM, UNTIL). */
    private static final AcademicApproval APPROVAL = approval(1_000, 50, FROM, UNTIL, GRANTED_AT);

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void aShareWithinTheBudgetIsGrantedAndDrawsOnIt() {
        fixture.given(history().approvalGranted(APPROVAL).events())
                .when(academicShare(APPROVAL_ID, ids(600, 20, 0)))
                .expectEvents(granted(academicShare(APPROVAL_ID, ids(600, 20, 0)), quotaAt(NOW),
                        APPROVAL.afterUsing(600, 20)));
    }

    @Test
    void drawsAddUpToExactlyTheBudget() {
        fixture.given(history().approvalGranted(APPROVAL)
                        .granted(EARLIER, academicShare(APPROVAL_ID, ids(600, 20, 0))).events())
                .when(academicShare(APPROVAL_ID, ids(400, 30, 0)))
                .expectEvents(granted(academicShare(APPROVAL_ID, ids(400, 30, 0)), quotaAt(NOW),
                        APPROVAL.afterUsing(1_000, 50)));
    }

    @Test
    void aFullRollingWindowDoesNotStopAShareUnderAnApproval() {
        fixture.given(history().granted(EARLIER, LIMIT).approvalGranted(APPROVAL).events())
                .when(academicShare(APPROVAL_ID, ids(600, 0, 0)))
                .expectEvents(granted(academicShare(APPROVAL_ID, ids(600, 0, 0)),
                        quotaAt(NOW).used(LIMIT).releasing(LIMIT, EARLIER.plus(WINDOW)),
                        APPROVAL.afterUsing(600, 0)));
    }

    @Test
    void aShareUnderAnApprovalNeverEntersTheRollingWindow() {
        fixture.given(history().approvalGranted(APPROVAL)
                        .granted(EARLIER, academicShare(APPROVAL_ID, ids(600, 20, 0))).events())
                .when(describe())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches((RecipientView view) ->
                        view.postIds().equals(quotaAt(NOW).build()) && view.idsInWindow().equals(IdCounts.NONE)
                                && view.exemptions().academicApprovals()
                                .equals(List.of(APPROVAL.afterUsing(600, 20)))));
    }

    @Test
    void aStandardShareStillFindsTheWholeRollingLimit() {
        fixture.given(history().approvalGranted(APPROVAL)
                        .granted(EARLIER, academicShare(APPROVAL_ID, ids(600, 20, 0))).events())
                .when(share(LIMIT))
                .expectEvents(granted(share(LIMIT), quotaAt(NOW).used(LIMIT).releasing(LIMIT, NOW.plus(WINDOW))));
    }

    @Test
    void onePostIdMoreThanIsLeftExhaustsTheApproval() {
        AcademicApproval after600 = APPROVAL.afterUsing(600, 0);

        fixture.given(history().approvalGranted(APPROVAL)
                        .granted(EARLIER, academicShare(APPROVAL_ID, ids(600, 0, 0))).events())
                .when(academicShare(APPROVAL_ID, ids(401, 0, 0)))
                .expectEvents(denied(academicShare(APPROVAL_ID, ids(401, 0, 0)), APPROVAL_EXHAUSTED, quotaAt(NOW),
                        after600));
    }

    @Test
    void oneUserIdMoreThanIsLeftExhaustsTheApproval() {
        fixture.given(history().approvalGranted(APPROVAL).events())
                .when(academicShare(APPROVAL_ID, ids(0, 51, 0)))
                .expectEvents(denied(academicShare(APPROVAL_ID, ids(0, 51, 0)), APPROVAL_EXHAUSTED, quotaAt(NOW),
                        APPROVAL));
    }

    @Test
    void anApprovalTheRecipientDoesNotHaveIsNotFound() {
        fixture.given(history().events())
                .when(academicShare(APPROVAL_ID, ids(10, 0, 0)))
                .expectEvents(denied(academicShare(APPROVAL_ID, ids(10, 0, 0)), APPROVAL_NOT_FOUND, quotaAt(NOW)));
    }

    @Test
    void directMessageIdsAreNotCovered() {
        fixture.given(history().approvalGranted(APPROVAL).events())
                .when(academicShare(APPROVAL_ID, ids(10, 0, 1)))
                .expectEvents(denied(academicShare(APPROVAL_ID, ids(10, 0, 1)), BASIS_DOES_NOT_COVER_DM_IDS,
                        quotaAt(NOW), APPROVAL));
    }

    @Test
    void aMillisecondBeforeValidFromTheApprovalIsNotValid() {
        clock.set(FROM.minusMillis(1));

        fixture.given(history().approvalGranted(APPROVAL).events())
                .when(academicShare(APPROVAL_ID, ids(10, 0, 0)))
                .expectEvents(denied(academicShare(APPROVAL_ID, ids(10, 0, 0)), APPROVAL_NOT_VALID,
                        quotaAt(FROM.minusMillis(1)), APPROVAL));
    }

    @Test
    void atValidFromTheApprovalIsValid() {
        clock.set(FROM);

        fixture.given(history().approvalGranted(APPROVAL).events())
                .when(academicShare(APPROVAL_ID, ids(10, 0, 0)))
                .expectEvents(granted(academicShare(APPROVAL_ID, ids(10, 0, 0)), quotaAt(FROM),
                        APPROVAL.afterUsing(10, 0)));
    }

    @Test
    void aMillisecondBeforeValidUntilTheApprovalIsStillValid() {
        clock.set(UNTIL.minusMillis(1));

        fixture.given(history().approvalGranted(APPROVAL).events())
                .when(academicShare(APPROVAL_ID, ids(10, 0, 0)))
                .expectEvents(granted(academicShare(APPROVAL_ID, ids(10, 0, 0)), quotaAt(UNTIL.minusMillis(1)),
                        APPROVAL.afterUsing(10, 0)));
    }

    @Test
    void atValidUntilTheApprovalIsNoLongerValid() {
        clock.set(UNTIL);

        fixture.given(history().approvalGranted(APPROVAL).events())
                .when(academicShare(APPROVAL_ID, ids(10, 0, 0)))
                .expectEvents(denied(academicShare(APPROVAL_ID, ids(10, 0, 0)), APPROVAL_NOT_VALID, quotaAt(UNTIL),
                        APPROVAL));
    }

    @Test
    void fromItsRevocationTheApprovalIsNoLongerValid() {
        clock.set(EARLIER);

        fixture.given(history().approvalGranted(APPROVAL)
                        .revoked(ExemptionKind.ACADEMIC_APPROVAL, APPROVAL_ID, EARLIER).events())
                .when(academicShare(APPROVAL_ID, ids(10, 0, 0)))
                .expectEvents(denied(academicShare(APPROVAL_ID, ids(10, 0, 0)), APPROVAL_NOT_VALID, quotaAt(EARLIER),
                        APPROVAL.revokedAt(EARLIER)));
    }

    @Test
    void theTermsAreStillRequired() {
        fixture.given(historyWithoutTerms().approvalGranted(APPROVAL).events())
                .when(academicShare(APPROVAL_ID, ids(10, 0, 0)))
                .expectEvents(denied(academicShare(APPROVAL_ID, ids(10, 0, 0)), TERMS_NOT_ACCEPTED, quotaAt(NOW),
                        APPROVAL));
    }

    @Test
    void aPersonNamedMustBeInTheEntity() {
        fixture.given(history().approvalGranted(APPROVAL).events())
                .when(share(PERSON_ID, ids(10, 0, 0), academicBasis()))
                .expectEvents(denied(share(PERSON_ID, ids(10, 0, 0), academicBasis()), PERSON_NOT_AFFILIATED,
                        quotaAt(NOW), APPROVAL));
    }

    @Test
    void anUnknownApprovalIsToldBeforeDirectMessageIds() {
        fixture.given(history().events())
                .when(academicShare(APPROVAL_ID, ids(10, 0, 1)))
                .expectEvents(denied(academicShare(APPROVAL_ID, ids(10, 0, 1)), APPROVAL_NOT_FOUND, quotaAt(NOW)));
    }

    @Test
    void directMessageIdsAreToldBeforeAnExpiredApproval() {
        clock.set(UNTIL);

        fixture.given(history().approvalGranted(APPROVAL).events())
                .when(academicShare(APPROVAL_ID, ids(10, 0, 1)))
                .expectEvents(denied(academicShare(APPROVAL_ID, ids(10, 0, 1)), BASIS_DOES_NOT_COVER_DM_IDS,
                        quotaAt(UNTIL), APPROVAL));
    }

    @Test
    void anExpiredApprovalIsToldBeforeItsBudget() {
        clock.set(UNTIL);

        fixture.given(history().approvalGranted(APPROVAL).events())
                .when(academicShare(APPROVAL_ID, ids(5_000, 0, 0)))
                .expectEvents(denied(academicShare(APPROVAL_ID, ids(5_000, 0, 0)), APPROVAL_NOT_VALID,
                        quotaAt(UNTIL), APPROVAL));
    }

    private static ShareBasis academicBasis() {
        return ShareBasis.academicApproval(APPROVAL_ID);
    }
}

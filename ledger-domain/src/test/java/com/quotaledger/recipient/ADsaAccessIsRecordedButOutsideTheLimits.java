package com.quotaledger.recipient;

import com.quotaledger.exemption.api.DsaAccess;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareIdsCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.decision.DenialReason.APPROVAL_NOT_FOUND;
import static com.quotaledger.decision.DenialReason.APPROVAL_NOT_VALID;
import static com.quotaledger.decision.DenialReason.PERSON_NOT_AFFILIATED;
import static com.quotaledger.recipient.ExemptionExamples.ACCESS_ID;
import static com.quotaledger.recipient.ExemptionExamples.access;
import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.PERSON_ID;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.denied;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.dsaShare;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.historyWithoutTerms;
import static com.quotaledger.recipient.RecipientExamples.ids;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.share;
import static org.axonframework.test.matchers.Matchers.matches;

class ADsaAccessIsRecordedButOutsideTheLimits {

    private static final Instant GRANTED_AT = REGISTERED_AT.plus(Duration.ofMinutes(30));
    private static final Instant FROM = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant EARLIER = REGISTERED_AT.plus(Duration.ofHours(2));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(2));
    private static final Instant UNTIL = REGISTERED_AT.plus(Duration.ofDays(100));
    private static final DsaAccess ACCESS = access(FROM, UNTIL, GRANTED_AT);
    private static final IdCounts MORE_THAN_THE_LIMIT = ids(LIMIT + 1, 5_000_000, 7);

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void whileTheAccessHoldsAShareOfAnySizeIsGrantedAndChangesNoQuota() {
        fixture.given(history().accessGranted(ACCESS).events())
                .when(dsaShare(ACCESS_ID, MORE_THAN_THE_LIMIT))
                .expectEvents(granted(dsaShare(ACCESS_ID, MORE_THAN_THE_LIMIT), quotaAt(NOW), null));
    }

    @Test
    void aFullRollingWindowDoesNotStopIt() {
        fixture.given(history().granted(EARLIER, LIMIT).accessGranted(ACCESS).events())
                .when(dsaShare(ACCESS_ID, ids(1, 0, 0)))
                .expectEvents(granted(dsaShare(ACCESS_ID, ids(1, 0, 0)),
                        quotaAt(NOW).used(LIMIT).releasing(LIMIT, EARLIER.plus(WINDOW)), null));
    }

    @Test
    void itNeverEntersTheRollingWindow() {
        fixture.given(history().accessGranted(ACCESS).granted(EARLIER, dsaShare(ACCESS_ID, MORE_THAN_THE_LIMIT))
                        .events())
                .when(describe())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches((RecipientView view) ->
                        view.postIds().equals(quotaAt(NOW).build()) && view.idsInWindow().equals(IdCounts.NONE)));
    }

    @Test
    void noTermsAreRequired() {
        fixture.given(historyWithoutTerms().accessGranted(ACCESS).events())
                .when(dsaShare(ACCESS_ID, ids(10, 0, 0)))
                .expectEvents(granted(dsaShare(ACCESS_ID, ids(10, 0, 0)), quotaAt(NOW), null));
    }

    @Test
    void anAccessTheRecipientDoesNotHaveIsNotFound() {
        fixture.given(history().events())
                .when(dsaShare(ACCESS_ID, ids(10, 0, 0)))
                .expectEvents(denied(dsaShare(ACCESS_ID, ids(10, 0, 0)), APPROVAL_NOT_FOUND, quotaAt(NOW)));
    }

    @Test
    void aMillisecondBeforeValidFromTheAccessIsNotValid() {
        clock.set(FROM.minusMillis(1));

        fixture.given(history().accessGranted(ACCESS).events())
                .when(dsaShare(ACCESS_ID, ids(10, 0, 0)))
                .expectEvents(denied(dsaShare(ACCESS_ID, ids(10, 0, 0)), APPROVAL_NOT_VALID,
                        quotaAt(FROM.minusMillis(1))));
    }

    @Test
    void aMillisecondBeforeValidUntilTheAccessStillHolds() {
        clock.set(UNTIL.minusMillis(1));

        fixture.given(history().accessGranted(ACCESS).events())
                .when(dsaShare(ACCESS_ID, ids(10, 0, 0)))
                .expectEvents(granted(dsaShare(ACCESS_ID, ids(10, 0, 0)), quotaAt(UNTIL.minusMillis(1)), null));
    }

    @Test
    void atValidUntilTheAccessIsNoLongerValid() {
        clock.set(UNTIL);

        fixture.given(history().accessGranted(ACCESS).events())
                .when(dsaShare(ACCESS_ID, ids(10, 0, 0)))
                .expectEvents(denied(dsaShare(ACCESS_ID, ids(10, 0, 0)), APPROVAL_NOT_VALID, quotaAt(UNTIL)));
    }

    @Test
    void fromItsRevocationTheAccessIsNoLongerValid() {
        clock.set(EARLIER);

        fixture.given(history().accessGranted(ACCESS).revoked(ExemptionKind.DSA_ARTICLE_40, ACCESS_ID, EARLIER)
                        .events())
                .when(dsaShare(ACCESS_ID, ids(10, 0, 0)))
                .expectEvents(denied(dsaShare(ACCESS_ID, ids(10, 0, 0)), APPROVAL_NOT_VALID, quotaAt(EARLIER)));
    }

    @Test
    void aPersonNamedMustBeInTheEntity() {
        ShareIdsCommand forAPerson = share(PERSON_ID, ids(10, 0, 0), ShareBasis.dsaAccess(ACCESS_ID));

        fixture.given(historyWithoutTerms().accessGranted(ACCESS).events())
                .when(forAPerson)
                .expectEvents(denied(forAPerson, PERSON_NOT_AFFILIATED, quotaAt(NOW)));
    }

    @Test
    void aPersonOfTheEntityReceivesUnderTheAccess() {
        ShareIdsCommand forAPerson = share(PERSON_ID, ids(10, 0, 0), ShareBasis.dsaAccess(ACCESS_ID));

        fixture.given(historyWithoutTerms().accessGranted(ACCESS).personJoined(EARLIER, PERSON_ID).events())
                .when(forAPerson)
                .expectEvents(granted(forAPerson, quotaAt(NOW), null));
    }
}

package com.quotaledger.recipient;

import com.quotaledger.ledger.MutableClock;
import com.quotaledger.recipient.api.RecipientView;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static com.quotaledger.decision.DenialReason.PERSON_NOT_AFFILIATED;
import static com.quotaledger.decision.DenialReason.TERMS_NOT_ACCEPTED;
import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.OTHER_PERSON_ID;
import static com.quotaledger.recipient.RecipientExamples.PERSON_ID;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.denied;
import static com.quotaledger.recipient.RecipientExamples.deniedUntil;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.historyWithoutTerms;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.shareFor;
import static org.axonframework.test.matchers.Matchers.matches;

class AShareNamingAPersonNeedsThePersonInTheEntityNow {

    private static final Instant JOINED_AT = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant EARLIER = REGISTERED_AT.plus(Duration.ofHours(2));
    private static final Instant LEFT_AT = REGISTERED_AT.plus(Duration.ofDays(1));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(2));

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void aPersonWhoNeverJoinedIsNotAffiliated() {
        fixture.given(history().events())
                .when(shareFor(PERSON_ID, 100))
                .expectEvents(denied(shareFor(PERSON_ID, 100), PERSON_NOT_AFFILIATED, quotaAt(NOW)));
    }

    @Test
    void aPersonOfTheEntityReceivesAndTheIdsCountAgainstTheEntity() {
        fixture.given(history().personJoined(JOINED_AT, PERSON_ID).events())
                .when(shareFor(PERSON_ID, 100))
                .expectEvents(granted(shareFor(PERSON_ID, 100),
                        quotaAt(NOW).used(100).releasing(100, NOW.plus(WINDOW))));
    }

    @Test
    void aPersonWhoLeftTheEntityIsNotAffiliatedAnyMore() {
        fixture.given(history().personJoined(JOINED_AT, PERSON_ID).personLeft(LEFT_AT, PERSON_ID).events())
                .when(shareFor(PERSON_ID, 100))
                .expectEvents(denied(shareFor(PERSON_ID, 100), PERSON_NOT_AFFILIATED, quotaAt(NOW)));
    }

    @Test
    void anotherPersonOfTheEntityDoesNotMakeThisOneAffiliated() {
        fixture.given(history().personJoined(JOINED_AT, OTHER_PERSON_ID).events())
                .when(shareFor(PERSON_ID, 100))
                .expectEvents(denied(shareFor(PERSON_ID, 100), PERSON_NOT_AFFILIATED, quotaAt(NOW)));
    }

    @Test
    void sharesForPersonsAndForTheEntityFillOneWindow() {
        fixture.given(history().personJoined(JOINED_AT, PERSON_ID).personJoined(JOINED_AT, OTHER_PERSON_ID)
                        .granted(EARLIER, shareFor(PERSON_ID, 1_000_000))
                        .granted(EARLIER, shareFor(OTHER_PERSON_ID, 400_000))
                        .granted(EARLIER, 100_000).events())
                .when(shareFor(PERSON_ID, 1))
                .expectEvents(deniedUntil(shareFor(PERSON_ID, 1), EARLIER.plus(WINDOW),
                        quotaAt(NOW).used(LIMIT).releasing(LIMIT, EARLIER.plus(WINDOW))));
    }

    @Test
    void theTermsAreCheckedBeforeThePerson() {
        fixture.given(historyWithoutTerms().events())
                .when(shareFor(PERSON_ID, 100))
                .expectEvents(denied(shareFor(PERSON_ID, 100), TERMS_NOT_ACCEPTED, quotaAt(NOW)));
    }

    @Test
    void thePersonIsCheckedBeforeTheSizeOfTheRequest() {
        fixture.given(history().events())
                .when(shareFor(PERSON_ID, LIMIT + 1))
                .expectEvents(denied(shareFor(PERSON_ID, LIMIT + 1), PERSON_NOT_AFFILIATED, quotaAt(NOW)));
    }

    @Test
    void theDescriptionListsThePersonsOfTheEntityNow() {
        fixture.given(history().personJoined(JOINED_AT, PERSON_ID).personJoined(JOINED_AT, OTHER_PERSON_ID)
                        .personLeft(LEFT_AT, OTHER_PERSON_ID).events())
                .when(describe())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches((RecipientView view) ->
                        view.persons().equals(Set.of(PERSON_ID))));
    }
}

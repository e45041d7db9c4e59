package com.quotaledger.person;

import com.quotaledger.ledger.MutableClock;
import com.quotaledger.person.api.AcceptPersonTermsCommand;
import com.quotaledger.person.api.PersonView;
import com.quotaledger.terms.api.AcceptedTerms;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.quotaledger.person.PersonExamples.ACCEPTED_BY;
import static com.quotaledger.person.PersonExamples.DAY;
import static com.quotaledger.person.PersonExamples.PERSON_ID;
import static com.quotaledger.person.PersonExamples.RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.START;
import static com.quotaledger.person.PersonExamples.TERMS_VERSION;
import static com.quotaledger.person.PersonExamples.affiliated;
import static com.quotaledger.person.PersonExamples.objectsOn;
import static com.quotaledger.person.PersonExamples.personAccepted;
import static com.quotaledger.person.PersonExamples.personAccepts;
import static com.quotaledger.person.PersonExamples.personFixture;
import static com.quotaledger.terms.api.TermsDocument.DEVELOPER_AGREEMENT;
import static com.quotaledger.terms.api.TermsDocument.DEVELOPER_POLICY;
import static com.quotaledger.terms.api.TermsDocument.PRIVACY_POLICY;
import static com.quotaledger.terms.api.TermsDocument.TERMS_OF_SERVICE;
import static org.axonframework.test.matchers.Matchers.matches;

class APersonAcceptsTermsOfTheirOwn {

    private static final Instant JOINED_AT = START;
    private static final Instant NOW = START.plus(Duration.ofHours(3));

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<Person> fixture = personFixture(clock);

    @Test
    void acceptingAllFourDocumentsIsRecordedAndCompletesThePersonsTerms() {
        AcceptedTerms accepted = new AcceptedTerms(TERMS_VERSION, ACCEPTED_BY, NOW);

        fixture.given(affiliated(RECIPIENT_ID, JOINED_AT))
                .when(personAccepts(TERMS_OF_SERVICE, PRIVACY_POLICY, DEVELOPER_AGREEMENT, DEVELOPER_POLICY))
                .expectEvents(personAccepted(NOW, TERMS_OF_SERVICE, PRIVACY_POLICY, DEVELOPER_AGREEMENT,
                        DEVELOPER_POLICY))
                .expectResultMessagePayload(new PersonView(PERSON_ID, RECIPIENT_ID,
                        Map.of(TERMS_OF_SERVICE, accepted, PRIVACY_POLICY, accepted, DEVELOPER_AGREEMENT, accepted,
                                DEVELOPER_POLICY, accepted),
                        true, NOW, objectsOn(DAY, 0)));
    }

    @Test
    void someDocumentsAreRecordedButDoNotCompleteTheTerms() {
        fixture.given(affiliated(RECIPIENT_ID, JOINED_AT))
                .when(personAccepts(TERMS_OF_SERVICE, PRIVACY_POLICY, DEVELOPER_AGREEMENT))
                .expectEvents(personAccepted(NOW, TERMS_OF_SERVICE, PRIVACY_POLICY, DEVELOPER_AGREEMENT))
                .expectResultMessagePayloadMatching(matches((PersonView view) ->
                        !view.termsAccepted() && view.acceptedTerms().size() == 3));
    }

    @Test
    void documentsAcceptedAtDifferentTimesAddUp() {
        fixture.given(affiliated(RECIPIENT_ID, JOINED_AT), personAccepted(JOINED_AT, TERMS_OF_SERVICE, PRIVACY_POLICY))
                .when(personAccepts(DEVELOPER_AGREEMENT, DEVELOPER_POLICY))
                .expectResultMessagePayloadMatching(matches((PersonView view) -> view.termsAccepted()
                        && view.acceptedTerms().get(TERMS_OF_SERVICE).acceptedAt().equals(JOINED_AT)
                        && view.acceptedTerms().get(DEVELOPER_POLICY).acceptedAt().equals(NOW)));
    }

    @Test
    void aNewVersionOfADocumentReplacesTheOldOne() {
        AcceptPersonTermsCommand newPrivacyPolicy =
                new AcceptPersonTermsCommand(PERSON_ID, "ada.lovelace@acme.example", Map.of(PRIVACY_POLICY, "2025-02"));

        fixture.given(affiliated(RECIPIENT_ID, JOINED_AT), personAccepted(JOINED_AT, TERMS_OF_SERVICE, PRIVACY_POLICY))
                .when(newPrivacyPolicy)
                .expectResultMessagePayloadMatching(matches((PersonView view) -> view.acceptedTerms()
                        .get(PRIVACY_POLICY).equals(new AcceptedTerms("2025-02", "ada.lovelace@acme.example", NOW))
                        && view.acceptedTerms().get(TERMS_OF_SERVICE).acceptedAt().equals(JOINED_AT)));
    }

    @Test
    void withTheClockSteppedBackAcceptingTakesTheTimeOfTheLastEvent() {
        clock.set(JOINED_AT.minus(Duration.ofDays(1)));

        fixture.given(affiliated(RECIPIENT_ID, JOINED_AT))
                .when(personAccepts(TERMS_OF_SERVICE))
                .expectEvents(personAccepted(JOINED_AT, TERMS_OF_SERVICE));
    }
}

package com.quotaledger.recipient;

import com.quotaledger.ledger.MutableClock;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.terms.api.AcceptedTerms;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.quotaledger.decision.DenialReason.TERMS_NOT_ACCEPTED;
import static com.quotaledger.recipient.RecipientExamples.ACCEPTED_BY;
import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.RECIPIENT_ID;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.TERMS_VERSION;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.acceptTerms;
import static com.quotaledger.recipient.RecipientExamples.allTermsAccepted;
import static com.quotaledger.recipient.RecipientExamples.denied;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.registered;
import static com.quotaledger.recipient.RecipientExamples.share;
import static com.quotaledger.recipient.RecipientExamples.termsAccepted;
import static com.quotaledger.terms.api.TermsDocument.DEVELOPER_AGREEMENT;
import static com.quotaledger.terms.api.TermsDocument.DEVELOPER_POLICY;
import static com.quotaledger.terms.api.TermsDocument.PRIVACY_POLICY;
import static com.quotaledger.terms.api.TermsDocument.TERMS_OF_SERVICE;
import static org.axonframework.test.matchers.Matchers.matches;

class SharingNeedsAllFourTermsDocumentsAccepted {

    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(1));

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void aRecipientThatAcceptedNothingIsDenied() {
        fixture.given(registered())
                .when(share(100))
                .expectEvents(denied(share(100), TERMS_NOT_ACCEPTED, quotaAt(NOW)));
    }

    @Test
    void threeDocumentsOfFourAreNotEnough() {
        fixture.given(registered(), termsAccepted(REGISTERED_AT, TERMS_OF_SERVICE, PRIVACY_POLICY, DEVELOPER_AGREEMENT))
                .when(share(100))
                .expectEvents(denied(share(100), TERMS_NOT_ACCEPTED, quotaAt(NOW)));
    }

    @Test
    void documentsAcceptedAtDifferentTimesAddUp() {
        fixture.given(registered(),
                        termsAccepted(REGISTERED_AT, TERMS_OF_SERVICE, PRIVACY_POLICY),
                        termsAccepted(REGISTERED_AT.plusSeconds(60), DEVELOPER_AGREEMENT, DEVELOPER_POLICY))
                .when(share(100))
                .expectEvents(granted(share(100), quotaAt(NOW).used(100).releasing(100, NOW.plus(WINDOW))));
    }

    @Test
    void termsAreCheckedBeforeTheSizeOfTheRequest() {
        fixture.given(registered(), termsAccepted(REGISTERED_AT, TERMS_OF_SERVICE))
                .when(share(LIMIT + 1))
                .expectEvents(denied(share(LIMIT + 1), TERMS_NOT_ACCEPTED, quotaAt(NOW)));
    }

    @Test
    void acceptingSomeDocumentsIsRecordedButDoesNotCompleteTheTerms() {
        fixture.given(registered())
                .when(acceptTerms(TERMS_OF_SERVICE, PRIVACY_POLICY))
                .expectEvents(termsAccepted(NOW, TERMS_OF_SERVICE, PRIVACY_POLICY))
                .expectResultMessagePayloadMatching(matches((RecipientView view) -> !view.termsAccepted()
                        && view.acceptedTerms().equals(Map.of(
                        TERMS_OF_SERVICE, new AcceptedTerms(TERMS_VERSION, ACCEPTED_BY, NOW),
                        PRIVACY_POLICY, new AcceptedTerms(TERMS_VERSION, ACCEPTED_BY, NOW)))));
    }

    @Test
    void theLastMissingDocumentCompletesTheTerms() {
        fixture.given(registered(), termsAccepted(REGISTERED_AT, TERMS_OF_SERVICE, PRIVACY_POLICY, DEVELOPER_AGREEMENT))
                .when(acceptTerms(DEVELOPER_POLICY))
                .expectEvents(termsAccepted(NOW, DEVELOPER_POLICY))
                .expectResultMessagePayloadMatching(matches((RecipientView view) -> view.termsAccepted()
                        && view.acceptedTerms().size() == 4
                        && view.acceptedTerms().get(TERMS_OF_SERVICE).acceptedAt().equals(REGISTERED_AT)
                        && view.acceptedTerms().get(DEVELOPER_POLICY).acceptedAt().equals(NOW)));
    }

    @Test
    void acceptingANewVersionOfADocumentReplacesTheOldOne() {
        AcceptTermsCommand newPrivacyPolicy =
                new AcceptTermsCommand(RECIPIENT_ID, "counsel@acme.example", Map.of(PRIVACY_POLICY, "2025-02"));

        fixture.given(registered(), allTermsAccepted())
                .when(newPrivacyPolicy)
                .expectResultMessagePayloadMatching(matches((RecipientView view) -> view.termsAccepted()
                        && view.acceptedTerms().get(PRIVACY_POLICY)
                        .equals(new AcceptedTerms("2025-02", "counsel@acme.example", NOW))
                        && view.acceptedTerms().get(TERMS_OF_SERVICE)
                        .equals(new AcceptedTerms(TERMS_VERSION, ACCEPTED_BY, REGISTERED_AT))));
    }
}

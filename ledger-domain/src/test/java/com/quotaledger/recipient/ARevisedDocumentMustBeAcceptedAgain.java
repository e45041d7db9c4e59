package com.quotaledger.recipient;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.TermsAcceptedEvent;
import com.quotaledger.terms.api.OutdatedTerms;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsVersion;
import com.quotaledger.terms.api.TermsVersions;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static com.quotaledger.recipient.ExemptionExamples.ACCESS_ID;
import static com.quotaledger.recipient.ExemptionExamples.access;
import static com.quotaledger.recipient.RecipientExamples.ACCEPTED_BY;
import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.RECIPIENT_ID;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.TERMS_VERSION;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.allTermsAccepted;
import static com.quotaledger.recipient.RecipientExamples.denied;
import static com.quotaledger.recipient.RecipientExamples.dsaShare;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.ids;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.registered;
import static com.quotaledger.recipient.RecipientExamples.share;
import static com.quotaledger.recipient.RecipientExamples.termsAccepted;
import static com.quotaledger.terms.api.TermsDocument.DEVELOPER_POLICY;
import static com.quotaledger.terms.api.TermsDocument.PRIVACY_POLICY;
import static com.quotaledger.terms.api.TermsDocument.TERMS_OF_SERVICE;

/**
 * X revises its documents; from the instant a revision takes effect, a recipient that accepted an earlier version
 * receives nothing until it accepts the revision. Accepting it ahead of time is enough.
 */
class ARevisedDocumentMustBeAcceptedAgain {

    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(10));
    private static final String REVISION = "2025-03";

    private final MutableClock clock = MutableClock.at(NOW);
    private TermsVersions versions = TermsVersions.configured(everyDocumentIn(TERMS_VERSION));
    private final AggregateTestFixture<RecipientEntity> fixture =
            recipientFixture(clock, RedistributionPolicy.defaults(), () -> versions);

    @Test
    void theVersionsAcceptedBeingInForceTheShareIsGranted() {
        fixture.given(registered(), allTermsAccepted())
                .when(share(100))
                .expectEvents(granted(share(100), quotaAt(NOW).used(100).releasing(100, NOW.plus(WINDOW))));
    }

    @Test
    void aConfiguredVersionNewerThanTheAcceptedOneDeniesAndNamesTheDocument() {
        versions = TermsVersions.configured(Map.of(DEVELOPER_POLICY, REVISION, PRIVACY_POLICY, TERMS_VERSION));

        fixture.given(registered(), allTermsAccepted())
                .when(share(100))
                .expectEvents(outdated(share(100), NOW,
                        new OutdatedTerms(DEVELOPER_POLICY, TERMS_VERSION, REVISION, null)));
    }

    @Test
    void aRecordedRevisionDeniesFromTheInstantItTakesEffectNotBefore() {
        Instant effectiveFrom = NOW.plus(Duration.ofDays(1));
        versions = versions.with(new TermsVersion(PRIVACY_POLICY, REVISION, effectiveFrom));

        clock.set(effectiveFrom.minusMillis(1));
        fixture.given(registered(), allTermsAccepted())
                .when(share(100))
                .expectEvents(granted(share(100), quotaAt(effectiveFrom.minusMillis(1)).used(100)
                        .releasing(100, effectiveFrom.minusMillis(1).plus(WINDOW))));

        clock.set(effectiveFrom);
        recipientFixture(clock, RedistributionPolicy.defaults(), () -> versions)
                .given(registered(), allTermsAccepted())
                .when(share(100))
                .expectEvents(outdated(share(100), effectiveFrom,
                        new OutdatedTerms(PRIVACY_POLICY, TERMS_VERSION, REVISION, effectiveFrom)));
    }

    @Test
    void acceptingTheRevisionGrantsAgain() {
        versions = versions.with(new TermsVersion(PRIVACY_POLICY, REVISION, NOW.minus(Duration.ofDays(1))));

        fixture.given(registered(), allTermsAccepted(), accepted(NOW.minusSeconds(1), PRIVACY_POLICY, REVISION))
                .when(share(100))
                .expectEvents(granted(share(100), quotaAt(NOW).used(100).releasing(100, NOW.plus(WINDOW))));
    }

    @Test
    void aRevisionAcceptedAheadOfItsEffectIsUpToDateBeforeAndAfter() {
        Instant effectiveFrom = NOW.plus(Duration.ofDays(1));
        versions = versions.with(new TermsVersion(PRIVACY_POLICY, REVISION, effectiveFrom));

        fixture.given(registered(), allTermsAccepted(), accepted(REGISTERED_AT, PRIVACY_POLICY, REVISION))
                .when(share(100))
                .expectEvents(granted(share(100), quotaAt(NOW).used(100).releasing(100, NOW.plus(WINDOW))));
        clock.set(effectiveFrom.plus(Duration.ofDays(1)));
        recipientFixture(clock, RedistributionPolicy.defaults(), () -> versions)
                .given(registered(), allTermsAccepted(), accepted(REGISTERED_AT, PRIVACY_POLICY, REVISION))
                .when(share(100))
                .expectEvents(granted(share(100), quotaAt(clock.instant()).used(100)
                        .releasing(100, clock.instant().plus(WINDOW))));
    }

    @Test
    void aVersionTheLedgerDoesNotKnowIsOutdatedOnceADocumentHasAVersionInForce() {
        fixture.given(registered(), allTermsAccepted(), accepted(REGISTERED_AT, TERMS_OF_SERVICE, "draft"))
                .when(share(100))
                .expectEvents(outdated(share(100), NOW,
                        new OutdatedTerms(TERMS_OF_SERVICE, "draft", TERMS_VERSION, null)));
    }

    @Test
    void withNoVersionConfiguredOrRecordedAnyVersionIsAccepted() {
        versions = TermsVersions.none();

        fixture.given(registered(), allTermsAccepted(), accepted(REGISTERED_AT, TERMS_OF_SERVICE, "draft"))
                .when(share(100))
                .expectEvents(granted(share(100), quotaAt(NOW).used(100).releasing(100, NOW.plus(WINDOW))));
    }

    @Test
    void documentsNotAcceptedAtAllAreTheFirstReason() {
        versions = TermsVersions.configured(everyDocumentIn(REVISION));

        fixture.given(registered(), termsAccepted(REGISTERED_AT, TERMS_OF_SERVICE, PRIVACY_POLICY))
                .when(share(100))
                .expectEvents(denied(share(100), DenialReason.TERMS_NOT_ACCEPTED, quotaAt(NOW)));
    }

    @Test
    void outdatedTermsAreCheckedBeforeTheSizeOfTheRequestAndNameEveryOutdatedDocument() {
        versions = TermsVersions.configured(everyDocumentIn(REVISION));

        fixture.given(registered(), allTermsAccepted(), accepted(REGISTERED_AT, PRIVACY_POLICY, REVISION))
                .when(share(LIMIT + 1))
                .expectEvents(outdated(share(LIMIT + 1), NOW,
                        new OutdatedTerms(TermsDocument.TERMS_OF_SERVICE, TERMS_VERSION, REVISION, null),
                        new OutdatedTerms(TermsDocument.DEVELOPER_AGREEMENT, TERMS_VERSION, REVISION, null),
                        new OutdatedTerms(DEVELOPER_POLICY, TERMS_VERSION, REVISION, null)));
    }

    @Test
    void aShareUnderDsaArticle40IsOutsideTheTermsAsItIsOutsideTheLimits() {
        versions = TermsVersions.configured(everyDocumentIn(REVISION));

        fixture.given(history().accessGranted(access(REGISTERED_AT, NOW.plus(WINDOW), REGISTERED_AT)).events())
                .when(dsaShare(ACCESS_ID, ids(1, 0, 0)))
                .expectEvents(granted(dsaShare(ACCESS_ID, ids(1, 0, 0)), quotaAt(NOW), null));
    }

    private static ShareDeniedEvent outdated(ShareIdsCommand share, Instant at, OutdatedTerms... outdated) {
        return new ShareDeniedEvent(share.request(), DenialReason.TERMS_OUTDATED, at, null, quotaAt(at).build(), null,
                List.of(outdated));
    }

    private static TermsAcceptedEvent accepted(Instant at, TermsDocument document, String version) {
        return new TermsAcceptedEvent(RECIPIENT_ID, ACCEPTED_BY, Map.of(document, version), at);
    }

    private static Map<TermsDocument, String> everyDocumentIn(String version) {
        Map<TermsDocument, String> documents = new EnumMap<>(TermsDocument.class);
        for (TermsDocument document : TermsDocument.values()) {
            documents.put(document, version);
        }
        return documents;
    }
}

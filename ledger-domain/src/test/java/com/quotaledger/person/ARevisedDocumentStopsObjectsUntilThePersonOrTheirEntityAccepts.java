package com.quotaledger.person;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.person.api.AcceptPersonTermsCommand;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.person.api.RegisterPersonCommand;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.policy.TermsPolicy;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.terms.api.OutdatedTerms;
import com.quotaledger.terms.api.PublishTermsVersionCommand;
import com.quotaledger.terms.api.TermsDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static com.quotaledger.person.PersonExamples.ACCEPTED_BY;
import static com.quotaledger.person.PersonExamples.PERSON_ID;
import static com.quotaledger.person.PersonExamples.RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.START;
import static com.quotaledger.person.PersonExamples.TERMS_VERSION;
import static com.quotaledger.person.PersonExamples.affiliate;
import static com.quotaledger.person.PersonExamples.entityAccepts;
import static com.quotaledger.person.PersonExamples.export;
import static com.quotaledger.person.PersonExamples.personAccepts;
import static com.quotaledger.person.PersonExamples.register;
import static com.quotaledger.terms.api.TermsDocument.DEVELOPER_POLICY;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A revision of a document, recorded in the catalog ahead of its effect, stops exports of full objects from the
 * instant it takes effect to a person whose acceptance, and whose entity's, is older; either accepting it is enough.
 */
class ARevisedDocumentStopsObjectsUntilThePersonOrTheirEntityAccepts {

    private static final Duration NOTICE = Duration.ofMinutes(5);
    private static final Instant EFFECTIVE_FROM = START.plus(Duration.ofHours(1));
    private static final String REVISION = "2025-03";

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryLedger ledger = new InMemoryLedger(clock, RedistributionPolicy.defaults(),
            ObjectExportPolicy.defaults(),
            new TermsPolicy(Map.of(DEVELOPER_POLICY, TERMS_VERSION), NOTICE));

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aPersonOnTheirOwnIsStoppedAtTheRevisionsEffectAndGoesOnOnceTheyAcceptIt() {
        ledger.send(new RegisterPersonCommand(PERSON_ID));
        ledger.send(personAccepts(TermsDocument.values()));
        ledger.send(revision());

        clock.set(EFFECTIVE_FROM.minusMillis(1));
        assertThat(exportNow()).isInstanceOf(ObjectExportGrantedEvent.class);

        clock.set(EFFECTIVE_FROM);
        assertOutdated(exportNow(), TERMS_VERSION);

        ledger.send(new AcceptPersonTermsCommand(PERSON_ID, ACCEPTED_BY, Map.of(DEVELOPER_POLICY, REVISION)));
        assertThat(exportNow()).isInstanceOf(ObjectExportGrantedEvent.class);
    }

    @Test
    void theEntityAcceptingTheRevisionIsEnoughForItsPersonWhoseOwnAcceptanceIsOlder() {
        entityWithItsPersonWhoBothAcceptedEverything();
        ledger.send(revision());
        clock.set(EFFECTIVE_FROM);
        ledger.send(new AcceptTermsCommand(RECIPIENT_ID, "legal@acme.example", Map.of(DEVELOPER_POLICY, REVISION)));

        assertThat(exportNow()).isInstanceOf(ObjectExportGrantedEvent.class);
    }

    @Test
    void thePersonAcceptingTheRevisionIsEnoughWhenTheirEntitysAcceptanceIsOlder() {
        entityWithItsPersonWhoBothAcceptedEverything();
        ledger.send(revision());
        clock.set(EFFECTIVE_FROM);
        ledger.send(new AcceptPersonTermsCommand(PERSON_ID, ACCEPTED_BY, Map.of(DEVELOPER_POLICY, REVISION)));

        assertThat(exportNow()).isInstanceOf(ObjectExportGrantedEvent.class);
    }

    @Test
    void whenBothAreOlderTheDenialNamesThePersonsOutdatedDocuments() {
        entityWithItsPersonWhoBothAcceptedEverything();
        ledger.send(new AcceptPersonTermsCommand(PERSON_ID, ACCEPTED_BY, Map.of(DEVELOPER_POLICY, "2024-01")));
        ledger.send(revision());
        clock.set(EFFECTIVE_FROM);

        assertOutdated(exportNow(), "2024-01");
    }

    @Test
    void aPersonWhoAcceptedNothingIsStoppedByTheirEntitysOutdatedAcceptance() {
        ledger.send(register(RECIPIENT_ID));
        ledger.send(entityAccepts(RECIPIENT_ID, TermsDocument.values()));
        ledger.send(affiliate(RECIPIENT_ID));
        ledger.send(revision());
        clock.set(EFFECTIVE_FROM);

        assertOutdated(exportNow(), TERMS_VERSION);
    }

    @Test
    void aRevisionDoesNotTurnTermsNeverAcceptedIntoOutdatedOnes() {
        ledger.send(new RegisterPersonCommand(PERSON_ID));
        ledger.send(personAccepts(TermsDocument.TERMS_OF_SERVICE, DEVELOPER_POLICY));
        ledger.send(revision());
        clock.set(EFFECTIVE_FROM);

        ObjectExportDecision decision = exportNow();
        assertThat(decision).isInstanceOfSatisfying(ObjectExportDeniedEvent.class, denied -> {
            assertThat(denied.reason()).isEqualTo(DenialReason.TERMS_NOT_ACCEPTED);
            assertThat(denied.outdatedTerms()).isEmpty();
        });
    }

    private void entityWithItsPersonWhoBothAcceptedEverything() {
        ledger.send(register(RECIPIENT_ID));
        ledger.send(entityAccepts(RECIPIENT_ID, TermsDocument.values()));
        ledger.send(affiliate(RECIPIENT_ID));
        ledger.send(personAccepts(TermsDocument.values()));
    }

    private PublishTermsVersionCommand revision() {
        return new PublishTermsVersionCommand(DEVELOPER_POLICY, REVISION, EFFECTIVE_FROM, "officer@example.com");
    }

    private ObjectExportDecision exportNow() {
        ExportObjectsCommand export = export(1, 1);
        return ledger.send(export);
    }

    private static void assertOutdated(ObjectExportDecision decision, String acceptedVersion) {
        assertThat(decision).isInstanceOfSatisfying(ObjectExportDeniedEvent.class, denied -> {
            assertThat(denied.reason()).isEqualTo(DenialReason.TERMS_OUTDATED);
            assertThat(denied.outdatedTerms()).isEqualTo(List.of(
                    new OutdatedTerms(DEVELOPER_POLICY, acceptedVersion, REVISION, EFFECTIVE_FROM)));
        });
    }
}

package com.quotaledger.person;

import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.person.api.ObjectExportRequest;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.terms.api.TermsDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.quotaledger.decision.DenialReason.AUTOMATED_OBJECT_DELIVERY_FORBIDDEN;
import static com.quotaledger.decision.DenialReason.DAILY_OBJECT_LIMIT_EXCEEDED;
import static com.quotaledger.decision.DenialReason.NON_PUBLIC_OBJECTS_FORBIDDEN;
import static com.quotaledger.decision.DenialReason.REQUEST_EXCEEDS_LIMIT;
import static com.quotaledger.decision.DenialReason.TERMS_NOT_ACCEPTED;
import static com.quotaledger.person.PersonExamples.DAY;
import static com.quotaledger.person.PersonExamples.OTHER_RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.PERSON_AGGREGATE_ID;
import static com.quotaledger.person.PersonExamples.PERSON_ID;
import static com.quotaledger.person.PersonExamples.RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.START;
import static com.quotaledger.person.PersonExamples.affiliate;
import static com.quotaledger.person.PersonExamples.denied;
import static com.quotaledger.person.PersonExamples.endAffiliation;
import static com.quotaledger.person.PersonExamples.entityAccepts;
import static com.quotaledger.person.PersonExamples.export;
import static com.quotaledger.person.PersonExamples.granted;
import static com.quotaledger.person.PersonExamples.objectsOn;
import static com.quotaledger.person.PersonExamples.personAccepts;
import static com.quotaledger.person.PersonExamples.register;
import static com.quotaledger.terms.api.TermsDocument.DEVELOPER_AGREEMENT;
import static com.quotaledger.terms.api.TermsDocument.DEVELOPER_POLICY;
import static com.quotaledger.terms.api.TermsDocument.PRIVACY_POLICY;
import static com.quotaledger.terms.api.TermsDocument.TERMS_OF_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Given a person in an entity that accepted all terms (and another entity that accepted none), an export of full
 * objects to the person is decided by the rules in order: manual download only, an entity, the terms, the size of the
 * request, what is left of the day.
 */
class ExportingObjectsToAPersonFollowsTheRulesInOrder {

    private static final Instant NOW = START.plus(Duration.ofHours(3));
    private static final Instant TOMORROW = DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryLedger ledger = new InMemoryLedger(clock, RedistributionPolicy.defaults());

    @BeforeEach
    void aPersonInAnEntityThatAcceptedAllTerms() {
        ledger.send(register(RECIPIENT_ID));
        ledger.send(entityAccepts(RECIPIENT_ID, TermsDocument.values()));
        ledger.send(register(OTHER_RECIPIENT_ID));
        ledger.send(affiliate(RECIPIENT_ID));
        clock.set(NOW);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void aManualDownloadIsGrantedAndCountsPostAndUserObjectsTogether() {
        ExportObjectsCommand export = export(120, 30);

        assertThat(decide(export)).isEqualTo(granted(export, RECIPIENT_ID, NOW, objectsOn(DAY, 150)));
    }

    @ParameterizedTest
    @EnumSource(value = ExportChannel.class, names = "MANUAL_DOWNLOAD", mode = EnumSource.Mode.EXCLUDE)
    void everyOtherChannelIsAutomatedDeliveryAndForbidden(ExportChannel channel) {
        ExportObjectsCommand export = export(PERSON_ID, 1, 0, channel);

        assertThat(decide(export))
                .isEqualTo(denied(export, RECIPIENT_ID, AUTOMATED_OBJECT_DELIVERY_FORBIDDEN, NOW, objectsOn(DAY, 0)));
    }

    @Test
    void objectsNotStatedToBePublicAreForbiddenBeforeAMissingEntity() {
        ledger.send(endAffiliation(RECIPIENT_ID));
        ExportObjectsCommand stated = export(PERSON_ID, 1, 0, ExportChannel.MANUAL_DOWNLOAD);
        for (Boolean publicObjectsOnly : new Boolean[]{false, null}) {
            ObjectExportRequest request = stated.request();
            ExportObjectsCommand export = new ExportObjectsCommand(new ObjectExportRequest(
                    request.requestId() + "-" + publicObjectsOnly, request.personId(), request.postObjectCount(),
                    request.userObjectCount(), request.channel(), request.format(), publicObjectsOnly),
                    stated.exportId() + "-" + publicObjectsOnly);

            assertThat(decide(export))
                    .isEqualTo(denied(export, null, NON_PUBLIC_OBJECTS_FORBIDDEN, NOW, objectsOn(DAY, 0)));
        }
    }

    @Test
    void automatedDeliveryIsToldBeforeAMissingEntity() {
        ledger.send(endAffiliation(RECIPIENT_ID));
        ExportObjectsCommand export = export(PERSON_ID, 1, 0, ExportChannel.API);

        assertThat(decide(export))
                .isEqualTo(denied(export, null, AUTOMATED_OBJECT_DELIVERY_FORBIDDEN, NOW, objectsOn(DAY, 0)));
    }

    @Test
    void aPersonWithoutAnEntityReceivesObjectsUnderTheirOwnTerms() {
        ledger.send(personAccepts(TermsDocument.values()));
        ledger.send(endAffiliation(RECIPIENT_ID));
        ExportObjectsCommand export = export(10, 0);

        assertThat(decide(export)).isEqualTo(granted(export, null, NOW, objectsOn(DAY, 10)));
    }

    @Test
    void aPersonWithoutAnEntityNorTermsOfTheirOwnIsDenied() {
        ledger.send(endAffiliation(RECIPIENT_ID));
        ExportObjectsCommand export = export(10, 0);

        assertThat(decide(export)).isEqualTo(denied(export, null, TERMS_NOT_ACCEPTED, NOW, objectsOn(DAY, 0)));
    }

    @Test
    void withoutTermsOfThePersonOrOfItsEntityTheExportIsDenied() {
        moveToTheEntityWithoutTerms();
        ExportObjectsCommand export = export(10, 0);

        assertThat(decide(export))
                .isEqualTo(denied(export, OTHER_RECIPIENT_ID, TERMS_NOT_ACCEPTED, NOW, objectsOn(DAY, 0)));
    }

    @Test
    void thePersonsOwnTermsAreEnough() {
        moveToTheEntityWithoutTerms();
        ledger.send(personAccepts(TermsDocument.values()));
        ExportObjectsCommand export = export(10, 0);

        assertThat(decide(export)).isEqualTo(granted(export, OTHER_RECIPIENT_ID, NOW, objectsOn(DAY, 10)));
    }

    @Test
    void halfTheDocumentsFromThePersonAndHalfFromTheEntityAreNotEnough() {
        moveToTheEntityWithoutTerms();
        ledger.send(personAccepts(TERMS_OF_SERVICE, PRIVACY_POLICY));
        ledger.send(entityAccepts(OTHER_RECIPIENT_ID, DEVELOPER_AGREEMENT, DEVELOPER_POLICY));
        ExportObjectsCommand export = export(10, 0);

        assertThat(decide(export))
                .isEqualTo(denied(export, OTHER_RECIPIENT_ID, TERMS_NOT_ACCEPTED, NOW, objectsOn(DAY, 0)));
    }

    @Test
    void theEntitysTermsAreReadWhenTheExportIsDecided() {
        moveToTheEntityWithoutTerms();
        decide(export(10, 0));
        ledger.send(entityAccepts(OTHER_RECIPIENT_ID, TermsDocument.values()));
        ExportObjectsCommand export = export(10, 0);

        assertThat(decide(export)).isEqualTo(granted(export, OTHER_RECIPIENT_ID, NOW, objectsOn(DAY, 10)));
    }

    @Test
    void theTermsAreCheckedBeforeTheSizeOfTheRequest() {
        moveToTheEntityWithoutTerms();
        ExportObjectsCommand export = export(501, 0);

        assertThat(decide(export))
                .isEqualTo(denied(export, OTHER_RECIPIENT_ID, TERMS_NOT_ACCEPTED, NOW, objectsOn(DAY, 0)));
    }

    @Test
    void moreObjectsInOneRequestThanADayAllowsAreTooMany() {
        ExportObjectsCommand export = export(300, 201);

        assertThat(decide(export))
                .isEqualTo(denied(export, RECIPIENT_ID, REQUEST_EXCEEDS_LIMIT, NOW, objectsOn(DAY, 0)));
    }

    @Test
    void exactlyTheDailyLimitIsGranted() {
        ExportObjectsCommand export = export(250, 250);

        assertThat(decide(export)).isEqualTo(granted(export, RECIPIENT_ID, NOW, objectsOn(DAY, 500)));
    }

    @Test
    void anExportThatDoesNotFitTodayIsDeniedUntilTheNextDay() {
        decide(export(300, 0));
        ExportObjectsCommand export = export(0, 201);

        ObjectExportDecision decision = decide(export);

        assertThat(decision)
                .isEqualTo(denied(export, RECIPIENT_ID, DAILY_OBJECT_LIMIT_EXCEEDED, NOW, objectsOn(DAY, 300)));
        assertThat(decision.objects().resetsAt()).isEqualTo(TOMORROW);
    }

    @Test
    void aDenialChangesNoCount() {
        decide(export(300, 0));
        decide(export(0, 201));
        ExportObjectsCommand export = export(100, 100);

        assertThat(decide(export)).isEqualTo(granted(export, RECIPIENT_ID, NOW, objectsOn(DAY, 500)));
    }

    @Test
    void theSizeOfTheRequestIsCheckedBeforeWhatIsLeftOfTheDay() {
        decide(export(300, 0));
        ExportObjectsCommand export = export(501, 0);

        assertThat(decide(export))
                .isEqualTo(denied(export, RECIPIENT_ID, REQUEST_EXCEEDS_LIMIT, NOW, objectsOn(DAY, 300)));
    }

    @Test
    void atMidnightTheWholeLimitIsAvailableAgain() {
        decide(export(500, 0));
        clock.set(TOMORROW.minusMillis(1));
        ExportObjectsCommand lastMillisecond = export(1, 0);
        assertThat(decide(lastMillisecond)).isEqualTo(denied(lastMillisecond, RECIPIENT_ID,
                DAILY_OBJECT_LIMIT_EXCEEDED, TOMORROW.minusMillis(1), objectsOn(DAY, 500)));

        clock.set(TOMORROW);
        ExportObjectsCommand export = export(500, 0);

        assertThat(decide(export)).isEqualTo(granted(export, RECIPIENT_ID, TOMORROW, objectsOn(DAY.plusDays(1), 500)));
    }

    @Test
    void everyDecisionIsRecordedInThePersonsHistory() {
        ObjectExportDecision first = decide(export(300, 0));
        ObjectExportDecision second = decide(export(0, 201));

        assertThat(ledger.storage().eventPayloads(PERSON_AGGREGATE_ID)).endsWith(first, second);
    }

    private void moveToTheEntityWithoutTerms() {
        ledger.send(endAffiliation(RECIPIENT_ID));
        ledger.send(affiliate(OTHER_RECIPIENT_ID));
    }

    private ObjectExportDecision decide(ExportObjectsCommand export) {
        return ledger.send(export);
    }
}

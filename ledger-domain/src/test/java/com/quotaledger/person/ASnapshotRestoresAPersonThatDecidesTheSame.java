package com.quotaledger.person;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.decision.DecisionChain;
import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.ledger.StorageSerializer;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.terms.api.TermsDocument;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static com.quotaledger.person.PersonExamples.OTHER_RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.PERSON_AGGREGATE_ID;
import static com.quotaledger.person.PersonExamples.PERSON_ID;
import static com.quotaledger.person.PersonExamples.RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.START;
import static com.quotaledger.person.PersonExamples.affiliate;
import static com.quotaledger.person.PersonExamples.describePerson;
import static com.quotaledger.person.PersonExamples.endAffiliation;
import static com.quotaledger.person.PersonExamples.entityAccepts;
import static com.quotaledger.person.PersonExamples.export;
import static com.quotaledger.person.PersonExamples.personAccepts;
import static com.quotaledger.person.PersonExamples.register;
import static com.quotaledger.terms.api.TermsDocument.PRIVACY_POLICY;
import static com.quotaledger.terms.api.TermsDocument.TERMS_OF_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

class ASnapshotRestoresAPersonThatDecidesTheSame {

    /** Days in Tokyo, so that a restored person must not fall back to UTC days. */
    private static final ObjectExportPolicy TOKYO = new ObjectExportPolicy(500, ZoneId.of("Asia/Tokyo"));
    private static final Instant EXPORTED_AT = START.plus(Duration.ofHours(1));
    private static final Instant LATER = START.plus(Duration.ofHours(5));

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryLedger snapshotted = new InMemoryLedger(clock, RedistributionPolicy.defaults(), TOKYO);
    private final InMemoryLedger neverSnapshotted = new InMemoryLedger(clock, RedistributionPolicy.defaults(), TOKYO);

    @AfterEach
    void closeLedgers() {
        snapshotted.close();
        neverSnapshotted.close();
    }

    @Test
    void theSnapshotHoldsThePersonsEntityTermsDayAndLastDecisionHash() throws Exception {
        givenAPersonWithExports();

        snapshotted.snapshotPerson(PERSON_ID);

        String json = snapshotted.storage().snapshotJson(PERSON_AGGREGATE_ID).orElseThrow();
        JsonNode snapshot = StorageSerializer.mapper().readTree(json);
        assertThat(snapshot.path("personId").asText()).as(json).isEqualTo(PERSON_ID);
        assertThat(snapshot.path("recipientId").asText()).as(json).isEqualTo(RECIPIENT_ID);
        assertThat(snapshot.path("acceptedTerms").size()).as(json).isEqualTo(2);
        assertThat(snapshot.path("objectsDay").asText()).as(json).isEqualTo("2025-03-01");
        assertThat(snapshot.path("objectsThatDay").asLong()).as(json).isEqualTo(300);
        assertThat(snapshot.path("lastEventAt").asText()).as(json).isEqualTo(EXPORTED_AT.toString());
        assertThat(snapshot.path("lastDecisionHash").asText()).as(json).isEqualTo(lastDecisionHash(snapshotted));
        assertThat(snapshotted.storage().failures()).isEmpty();
    }

    @Test
    void aRestoredPersonDescribesItselfAndDecidesLikeOneThatNeverWasSnapshotted() {
        givenAPersonWithExports();
        snapshotted.snapshotPerson(PERSON_ID);
        // 15:00 UTC is midnight in Tokyo: the day of the exports ends there
        Instant tokyoMidnight = Instant.parse("2025-03-01T15:00:00Z");

        for (Instant at : List.of(LATER, tokyoMidnight.minusMillis(1), tokyoMidnight, tokyoMidnight.plusSeconds(1))) {
            clock.set(at);
            for (Object command : List.of(describePerson(), export(150, 50), export(1, 0),
                    export(PERSON_ID, 1, 0, ExportChannel.FEED), describePerson())) {
                snapshotted.forgetCachedAggregates();
                sendToBoth(command);
            }
        }
        snapshotted.forgetCachedAggregates();
        sendToBoth(endAffiliation(RECIPIENT_ID));
        sendToBoth(affiliate(OTHER_RECIPIENT_ID));
        snapshotted.forgetCachedAggregates();
        sendToBoth(export(1, 0));

        assertThat(snapshotted.storage().snapshotsRead()).isPositive();
        assertThat(snapshotted.storage().failures()).isEmpty();
        assertThat(metadataOfEvents(snapshotted)).isEqualTo(metadataOfEvents(neverSnapshotted));
    }

    private void givenAPersonWithExports() {
        sendToBoth(register(RECIPIENT_ID));
        sendToBoth(entityAccepts(RECIPIENT_ID, TermsDocument.values()));
        sendToBoth(register(OTHER_RECIPIENT_ID));
        sendToBoth(affiliate(RECIPIENT_ID));
        sendToBoth(personAccepts(TERMS_OF_SERVICE, PRIVACY_POLICY));
        clock.set(EXPORTED_AT);
        sendToBoth(export(200, 100));
        sendToBoth(export(201, 0));
    }

    private <R> R sendToBoth(Object command) {
        R fromSnapshot = snapshotted.send(command);
        R fromEvents = neverSnapshotted.send(command);
        assertThat(fromSnapshot).as("%s at %s", command, clock.instant()).isEqualTo(fromEvents);
        return fromSnapshot;
    }

    private static String lastDecisionHash(InMemoryLedger ledger) {
        List<DomainEventMessage<?>> events = ledger.storage().events(PERSON_AGGREGATE_ID);
        return events.stream().filter(event -> event.getMetaData().containsKey(DecisionChain.HASH))
                .reduce((first, second) -> second).orElseThrow().getMetaData().get(DecisionChain.HASH).toString();
    }

    private static List<Object> metadataOfEvents(InMemoryLedger ledger) {
        return ledger.storage().events(PERSON_AGGREGATE_ID).stream().map(event -> (Object) event.getMetaData())
                .toList();
    }
}

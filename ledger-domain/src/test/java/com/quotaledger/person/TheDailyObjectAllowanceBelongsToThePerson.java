package com.quotaledger.person;

import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.person.api.AffiliatePersonCommand;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.terms.api.TermsDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static com.quotaledger.decision.DenialReason.DAILY_OBJECT_LIMIT_EXCEEDED;
import static com.quotaledger.person.PersonExamples.DAY;
import static com.quotaledger.person.PersonExamples.OTHER_PERSON_ID;
import static com.quotaledger.person.PersonExamples.OTHER_RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.START;
import static com.quotaledger.person.PersonExamples.affiliate;
import static com.quotaledger.person.PersonExamples.denied;
import static com.quotaledger.person.PersonExamples.endAffiliation;
import static com.quotaledger.person.PersonExamples.entityAccepts;
import static com.quotaledger.person.PersonExamples.export;
import static com.quotaledger.person.PersonExamples.granted;
import static com.quotaledger.person.PersonExamples.objectsOn;
import static com.quotaledger.person.PersonExamples.register;
import static org.assertj.core.api.Assertions.assertThat;

class TheDailyObjectAllowanceBelongsToThePerson {

    private static final Instant EXPORTED_AT = START.plus(Duration.ofHours(1));
    private static final Instant MOVED_AT = START.plus(Duration.ofHours(2));
    private static final Instant TOMORROW = DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryLedger ledger = new InMemoryLedger(clock, RedistributionPolicy.defaults());

    @BeforeEach
    void twoEntitiesThatAcceptedAllTermsAndAPersonWhoUsedTheDayInTheFirst() {
        ledger.send(register(RECIPIENT_ID));
        ledger.send(entityAccepts(RECIPIENT_ID, TermsDocument.values()));
        ledger.send(register(OTHER_RECIPIENT_ID));
        ledger.send(entityAccepts(OTHER_RECIPIENT_ID, TermsDocument.values()));
        ledger.send(affiliate(RECIPIENT_ID));
        clock.set(EXPORTED_AT);
        ObjectExportDecision whole = ledger.send(export(500, 0));
        assertThat(whole).isInstanceOf(ObjectExportGrantedEvent.class);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void joiningAnotherEntityTheSameDayDoesNotRenewIt() {
        clock.set(MOVED_AT);
        ledger.send(endAffiliation(RECIPIENT_ID));
        ledger.send(affiliate(OTHER_RECIPIENT_ID));
        ExportObjectsCommand export = export(1, 0);

        assertThat(decide(export)).isEqualTo(denied(export, OTHER_RECIPIENT_ID, DAILY_OBJECT_LIMIT_EXCEEDED, MOVED_AT,
                objectsOn(DAY, 500)));
    }

    @Test
    void theNextDayItIsRenewedInTheNewEntity() {
        clock.set(MOVED_AT);
        ledger.send(endAffiliation(RECIPIENT_ID));
        ledger.send(affiliate(OTHER_RECIPIENT_ID));
        clock.set(TOMORROW);
        ExportObjectsCommand export = export(1, 0);

        assertThat(decide(export)).isEqualTo(granted(export, OTHER_RECIPIENT_ID, TOMORROW,
                objectsOn(DAY.plusDays(1), 1)));
    }

    @Test
    void anotherPersonOfTheSameEntityHasAnAllowanceOfItsOwn() {
        ledger.send(new AffiliatePersonCommand(OTHER_PERSON_ID, RECIPIENT_ID));
        ExportObjectsCommand export = export(OTHER_PERSON_ID, 500, 0, ExportChannel.MANUAL_DOWNLOAD);

        ObjectExportDecision decision = decide(export);

        assertThat(decision).isInstanceOf(ObjectExportGrantedEvent.class);
        assertThat(decision.objects().used()).isEqualTo(500);
    }

    private ObjectExportDecision decide(ExportObjectsCommand export) {
        return ledger.send(export);
    }
}

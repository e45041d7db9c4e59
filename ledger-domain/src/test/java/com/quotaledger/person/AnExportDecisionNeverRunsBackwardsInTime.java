package com.quotaledger.person;

import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDecision;
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
import static com.quotaledger.person.PersonExamples.RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.START;
import static com.quotaledger.person.PersonExamples.affiliate;
import static com.quotaledger.person.PersonExamples.denied;
import static com.quotaledger.person.PersonExamples.entityAccepts;
import static com.quotaledger.person.PersonExamples.export;
import static com.quotaledger.person.PersonExamples.granted;
import static com.quotaledger.person.PersonExamples.objectsOn;
import static com.quotaledger.person.PersonExamples.register;
import static org.assertj.core.api.Assertions.assertThat;

class AnExportDecisionNeverRunsBackwardsInTime {

    private static final Instant TOMORROW = DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final Instant JUST_AFTER_MIDNIGHT = TOMORROW.plusSeconds(5);

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryLedger ledger = new InMemoryLedger(clock, RedistributionPolicy.defaults());

    @BeforeEach
    void aPersonInAnEntityThatAcceptedAllTerms() {
        ledger.send(register(RECIPIENT_ID));
        ledger.send(entityAccepts(RECIPIENT_ID, TermsDocument.values()));
        ledger.send(affiliate(RECIPIENT_ID));
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void withTheClockSteppedBackAnExportTakesTheTimeOfThePersonsLastEvent() {
        clock.set(START.plus(Duration.ofHours(2)));
        decide(export(10, 0));
        clock.set(START.plus(Duration.ofHours(1)));
        ExportObjectsCommand export = export(10, 0);

        assertThat(decide(export)).isEqualTo(granted(export, RECIPIENT_ID, START.plus(Duration.ofHours(2)),
                objectsOn(DAY, 20)));
    }

    @Test
    void aClockSteppedBackOverMidnightDoesNotGiveYesterdaysAllowanceBack() {
        clock.set(JUST_AFTER_MIDNIGHT);
        decide(export(500, 0));
        clock.set(TOMORROW.minusSeconds(1));
        ExportObjectsCommand export = export(1, 0);

        assertThat(decide(export)).isEqualTo(denied(export, RECIPIENT_ID, DAILY_OBJECT_LIMIT_EXCEEDED,
                JUST_AFTER_MIDNIGHT, objectsOn(DAY.plusDays(1), 500)));
    }

    @Test
    void theDecisionTimeIsTheClockTruncatedToTheMillisecond() {
        clock.set(START.plusNanos(999_999));
        ExportObjectsCommand export = export(10, 0);

        assertThat(decide(export)).isEqualTo(granted(export, RECIPIENT_ID, START, objectsOn(DAY, 10)));
    }

    private ObjectExportDecision decide(ExportObjectsCommand export) {
        return ledger.send(export);
    }
}

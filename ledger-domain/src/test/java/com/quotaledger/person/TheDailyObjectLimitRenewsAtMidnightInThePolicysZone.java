package com.quotaledger.person;

import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.person.api.DailyObjects;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.terms.api.TermsDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static com.quotaledger.decision.DenialReason.DAILY_OBJECT_LIMIT_EXCEEDED;
import static com.quotaledger.decision.DenialReason.REQUEST_EXCEEDS_LIMIT;
import static com.quotaledger.person.PersonExamples.RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.affiliate;
import static com.quotaledger.person.PersonExamples.denied;
import static com.quotaledger.person.PersonExamples.entityAccepts;
import static com.quotaledger.person.PersonExamples.export;
import static com.quotaledger.person.PersonExamples.granted;
import static com.quotaledger.person.PersonExamples.register;
import static org.assertj.core.api.Assertions.assertThat;

class TheDailyObjectLimitRenewsAtMidnightInThePolicysZone {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 1 March 2025 in New York runs from 05:00 UTC to 05:00 UTC the next day (EST, UTC-5). */
    private static final LocalDate MARCH_1 = LocalDate.parse("2025-03-01");
    private static final Instant MARCH_1_NEW_YORK = Instant.parse("2025-03-01T05:00:00Z");
    private static final Instant MARCH_2_NEW_YORK = Instant.parse("2025-03-02T05:00:00Z");

    private final MutableClock clock = MutableClock.at(Instant.parse("2025-02-28T12:00:00Z"));
    private InMemoryLedger ledger;

    @AfterEach
    void close() {
        ledger.close();
    }

    @Test
    void midnightInTheZoneStartsANewDay() {
        aPersonWithAnEntity(new ObjectExportPolicy(500, NEW_YORK));
        clock.set(MARCH_2_NEW_YORK.minusMillis(1));
        decide(export(500, 0));
        clock.set(MARCH_2_NEW_YORK);
        ExportObjectsCommand export = export(500, 0);

        assertThat(decide(export)).isEqualTo(granted(export, RECIPIENT_ID, MARCH_2_NEW_YORK,
                objects(500, MARCH_1.plusDays(1), 500, Instant.parse("2025-03-03T05:00:00Z"))));
    }

    @Test
    void midnightInUtcIsNoBoundaryAndTheRetryTimeIsMidnightInTheZone() {
        aPersonWithAnEntity(new ObjectExportPolicy(500, NEW_YORK));
        clock.set(Instant.parse("2025-03-01T23:00:00Z"));
        decide(export(300, 0));
        Instant afterUtcMidnight = Instant.parse("2025-03-02T01:00:00Z");
        clock.set(afterUtcMidnight);
        ExportObjectsCommand export = export(201, 0);

        assertThat(decide(export)).isEqualTo(denied(export, RECIPIENT_ID, DAILY_OBJECT_LIMIT_EXCEEDED,
                afterUtcMidnight, objects(500, MARCH_1, 300, MARCH_2_NEW_YORK)));
    }

    @Test
    void theFirstMillisecondOfTheDayInTheZoneBelongsToIt() {
        aPersonWithAnEntity(new ObjectExportPolicy(500, NEW_YORK));
        clock.set(MARCH_1_NEW_YORK);
        ExportObjectsCommand export = export(10, 0);

        assertThat(decide(export)).isEqualTo(granted(export, RECIPIENT_ID, MARCH_1_NEW_YORK,
                objects(500, MARCH_1, 10, MARCH_2_NEW_YORK)));
    }

    @Test
    void aDayThatLosesAnHourToDaylightSavingEndsAnHourEarlier() {
        aPersonWithAnEntity(new ObjectExportPolicy(500, BERLIN));
        // 30 March 2025 in Berlin: from 23:00 UTC the day before to 22:00 UTC, 23 hours
        LocalDate march30 = LocalDate.parse("2025-03-30");
        Instant starts = Instant.parse("2025-03-29T23:00:00Z");
        Instant ends = Instant.parse("2025-03-30T22:00:00Z");
        clock.set(starts);
        decide(export(500, 0));
        clock.set(ends.minusMillis(1));
        ExportObjectsCommand late = export(1, 0);

        assertThat(decide(late)).isEqualTo(denied(late, RECIPIENT_ID, DAILY_OBJECT_LIMIT_EXCEEDED, ends.minusMillis(1),
                objects(500, march30, 500, ends)));

        clock.set(ends);
        ExportObjectsCommand next = export(1, 0);
        assertThat(decide(next)).isEqualTo(granted(next, RECIPIENT_ID, ends,
                objects(500, march30.plusDays(1), 1, Instant.parse("2025-03-31T22:00:00Z"))));
    }

    @Test
    void aDayThatGainsAnHourToDaylightSavingEndsAnHourLater() {
        aPersonWithAnEntity(new ObjectExportPolicy(500, BERLIN));
        // 26 October 2025 in Berlin: from 22:00 UTC the day before to 23:00 UTC, 25 hours
        LocalDate october26 = LocalDate.parse("2025-10-26");
        Instant starts = Instant.parse("2025-10-25T22:00:00Z");
        Instant ends = Instant.parse("2025-10-26T23:00:00Z");
        clock.set(starts);
        decide(export(500, 0));
        clock.set(Instant.parse("2025-10-26T22:30:00Z"));
        ExportObjectsCommand late = export(1, 0);

        assertThat(decide(late)).isEqualTo(denied(late, RECIPIENT_ID, DAILY_OBJECT_LIMIT_EXCEEDED,
                Instant.parse("2025-10-26T22:30:00Z"), objects(500, october26, 500, ends)));
    }

    @Test
    void theDailyLimitComesFromThePolicy() {
        aPersonWithAnEntity(new ObjectExportPolicy(100, NEW_YORK));
        clock.set(MARCH_1_NEW_YORK);
        ExportObjectsCommand export = export(60, 41);

        assertThat(decide(export)).isEqualTo(denied(export, RECIPIENT_ID, REQUEST_EXCEEDS_LIMIT, MARCH_1_NEW_YORK,
                objects(100, MARCH_1, 0, MARCH_2_NEW_YORK)));
    }

    private void aPersonWithAnEntity(ObjectExportPolicy policy) {
        ledger = new InMemoryLedger(clock, RedistributionPolicy.defaults(), policy);
        ledger.send(register(RECIPIENT_ID));
        ledger.send(entityAccepts(RECIPIENT_ID, TermsDocument.values()));
        ledger.send(affiliate(RECIPIENT_ID));
    }

    private ObjectExportDecision decide(ExportObjectsCommand export) {
        return ledger.send(export);
    }

    private static DailyObjects objects(long limit, LocalDate day, long used, Instant resetsAt) {
        return new DailyObjects(limit, used, Math.max(0, limit - used), day, resetsAt);
    }
}

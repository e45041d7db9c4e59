package com.quotaledger.person;

import com.quotaledger.ledger.MutableClock;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.PersonView;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import static com.quotaledger.person.PersonExamples.DAY;
import static com.quotaledger.person.PersonExamples.PERSON_ID;
import static com.quotaledger.person.PersonExamples.RECIPIENT_ID;
import static com.quotaledger.person.PersonExamples.START;
import static com.quotaledger.person.PersonExamples.affiliated;
import static com.quotaledger.person.PersonExamples.affiliationEnded;
import static com.quotaledger.person.PersonExamples.describePerson;
import static com.quotaledger.person.PersonExamples.export;
import static com.quotaledger.person.PersonExamples.granted;
import static com.quotaledger.person.PersonExamples.objectsOn;
import static com.quotaledger.person.PersonExamples.personFixture;
import static org.axonframework.test.matchers.Matchers.matches;

class DescribingAPersonAppliesNoEvents {

    private static final Instant JOINED_AT = START;
    private static final Instant EXPORTED_AT = START.plus(Duration.ofHours(1));
    private static final Instant NOW = START.plus(Duration.ofHours(3));
    private static final ExportObjectsCommand EXPORT = export(120, 30);

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<Person> fixture = personFixture(clock);

    @Test
    void aNewPersonHasItsEntityNoTermsAndTheWholeDayAhead() {
        fixture.given(affiliated(RECIPIENT_ID, JOINED_AT))
                .when(describePerson())
                .expectNoEvents()
                .expectResultMessagePayload(new PersonView(PERSON_ID, RECIPIENT_ID, Map.of(), false, NOW,
                        objectsOn(DAY, 0)));
    }

    @Test
    void theObjectsExportedTodayAreUsedUpOfTheDailyLimit() {
        fixture.given(affiliated(RECIPIENT_ID, JOINED_AT),
                        granted(EXPORT, RECIPIENT_ID, EXPORTED_AT, objectsOn(DAY, 150)))
                .when(describePerson())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches((PersonView view) ->
                        view.objectsToday().equals(objectsOn(DAY, 150))));
    }

    @Test
    void theNextDayTheWholeLimitIsAvailableAgain() {
        Instant nextDay = DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        clock.set(nextDay);

        fixture.given(affiliated(RECIPIENT_ID, JOINED_AT),
                        granted(EXPORT, RECIPIENT_ID, EXPORTED_AT, objectsOn(DAY, 150)))
                .when(describePerson())
                .expectResultMessagePayloadMatching(matches((PersonView view) ->
                        view.objectsToday().equals(objectsOn(DAY.plusDays(1), 0)) && view.asOf().equals(nextDay)));
    }

    @Test
    void afterItsAffiliationEndedAPersonHasNoEntity() {
        fixture.given(affiliated(RECIPIENT_ID, JOINED_AT), affiliationEnded(RECIPIENT_ID, EXPORTED_AT))
                .when(describePerson())
                .expectResultMessagePayloadMatching(matches((PersonView view) -> view.recipientId() == null));
    }

    @Test
    void describingReadsTheClockTruncatedToTheMillisecond() {
        clock.set(NOW.plusNanos(7_654_321));

        fixture.given(affiliated(RECIPIENT_ID, JOINED_AT))
                .when(describePerson())
                .expectResultMessagePayloadMatching(matches((PersonView view) ->
                        view.asOf().equals(NOW.plusMillis(7))));
    }

    @Test
    void withTheClockSteppedBackTheViewIsAsOfTheLastEvent() {
        clock.set(JOINED_AT.minus(Duration.ofDays(2)));

        fixture.given(affiliated(RECIPIENT_ID, JOINED_AT),
                        granted(EXPORT, RECIPIENT_ID, EXPORTED_AT, objectsOn(DAY, 150)))
                .when(describePerson())
                .expectResultMessagePayloadMatching(matches((PersonView view) -> view.asOf().equals(EXPORTED_AT)
                        && view.objectsToday().equals(objectsOn(DAY, 150))));
    }
}

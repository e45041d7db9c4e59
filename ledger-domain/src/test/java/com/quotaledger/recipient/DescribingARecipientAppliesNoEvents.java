package com.quotaledger.recipient;

import com.quotaledger.ledger.MutableClock;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.RecipientView;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.ids;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.viewOfHistory;
import static org.axonframework.test.matchers.Matchers.matches;

class DescribingARecipientAppliesNoEvents {

    private static final Instant GRANTED_AT = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(3));

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void describingReturnsTheRecipientAsOfTheClockAndAppliesNothing() {
        fixture.given(history().granted(GRANTED_AT, ids(1_000, 20, 3)).events())
                .when(describe())
                .expectNoEvents()
                .expectResultMessagePayload(viewOfHistory(NOW,
                        quotaAt(NOW).used(1_000).releasing(1_000, GRANTED_AT.plus(WINDOW)), ids(1_000, 20, 3)));
    }

    @Test
    void describingReadsTheClockTruncatedToTheMillisecond() {
        clock.set(NOW.plusNanos(7_654_321));

        fixture.given(history().events())
                .when(describe())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches((RecipientView view) ->
                        view.asOf().equals(NOW.plusMillis(7)) && view.postIds().asOf().equals(NOW.plusMillis(7))));
    }

    @Test
    void aShareIsNoLongerShownOnceItLeftTheWindow() {
        Instant leftAt = GRANTED_AT.plus(WINDOW);
        clock.set(leftAt);

        fixture.given(history().granted(GRANTED_AT, ids(1_000, 20, 3)).events())
                .when(describe())
                .expectNoEvents()
                .expectResultMessagePayload(viewOfHistory(leftAt, quotaAt(leftAt), IdCounts.NONE));
    }

    @Test
    void withTheClockSteppedBackTheViewIsAsOfTheLastEvent() {
        clock.set(GRANTED_AT.minus(Duration.ofDays(1)));

        fixture.given(history().granted(GRANTED_AT, ids(1_000, 20, 3)).events())
                .when(describe())
                .expectNoEvents()
                .expectResultMessagePayload(viewOfHistory(GRANTED_AT,
                        quotaAt(GRANTED_AT).used(1_000).releasing(1_000, GRANTED_AT.plus(WINDOW)), ids(1_000, 20, 3)));
    }
}

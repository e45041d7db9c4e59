package com.quotaledger.recipient;

import com.quotaledger.ledger.MutableClock;
import com.quotaledger.recipient.api.RecipientView;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.deniedUntil;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.posts;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.share;
import static org.axonframework.test.matchers.Matchers.matches;

class ADenialIsRecordedAndChangesNoQuota {

    private static final Instant GRANTED_AT = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant DENIED_AT = REGISTERED_AT.plus(Duration.ofDays(2));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(3));

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void aDenialIsAnEventWithTheQuotaItWasDecidedAgainst() {
        fixture.given(history().granted(GRANTED_AT, 1_000_000).events())
                .when(share(600_000))
                .expectEvents(deniedUntil(share(600_000), GRANTED_AT.plus(WINDOW),
                        quotaAt(NOW).used(1_000_000).releasing(1_000_000, GRANTED_AT.plus(WINDOW))));
    }

    @Test
    void aShareAfterADenialFindsTheQuotaAsItWasBeforeTheDenial() {
        fixture.given(history().granted(GRANTED_AT, 1_000_000).denied(DENIED_AT, 600_000).events())
                .when(share(500_000))
                .expectEvents(granted(share(500_000),
                        quotaAt(NOW).used(1_500_000).releasing(1_000_000, GRANTED_AT.plus(WINDOW))));
    }

    @Test
    void repeatedDenialsAreEachRecordedAndNoneAddsUp() {
        fixture.given(history().granted(GRANTED_AT, LIMIT)
                        .denied(DENIED_AT, 1).denied(DENIED_AT.plusSeconds(1), 1).events())
                .when(share(1))
                .expectEvents(deniedUntil(share(1), GRANTED_AT.plus(WINDOW),
                        quotaAt(NOW).used(LIMIT).releasing(LIMIT, GRANTED_AT.plus(WINDOW))));
    }

    @Test
    void aDeniedShareNeverEntersTheWindow() {
        fixture.given(history().granted(GRANTED_AT, 1_000_000).denied(DENIED_AT, 600_000).events())
                .when(describe())
                .expectNoEvents()
                .expectResultMessagePayloadMatching(matches((RecipientView view) ->
                        view.idsInWindow().equals(posts(1_000_000)) && view.postIds().used() == 1_000_000));
    }
}

package com.quotaledger.recipient;

import com.quotaledger.ledger.MutableClock;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.allTermsAccepted;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.registered;
import static com.quotaledger.recipient.RecipientExamples.share;

class AGrantRecordsTheQuotaAfterIt {

    private static final Instant EARLIER = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(3));

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void theFirstGrantUsesItsIdsAndIsTheNextRelease() {
        fixture.given(registered(), allTermsAccepted())
                .when(share(250_000))
                .expectEvents(granted(share(250_000), quotaAt(NOW).used(250_000).releasing(250_000, NOW.plus(WINDOW))));
    }

    @Test
    void theGrantIsWhatTheCommandReturns() {
        fixture.given(registered(), allTermsAccepted())
                .when(share(250_000))
                .expectResultMessagePayload(granted(share(250_000),
                        quotaAt(NOW).used(250_000).releasing(250_000, NOW.plus(WINDOW))));
    }

    @Test
    void aLaterGrantLeavesTheOlderShareAsTheNextRelease() {
        fixture.given(history().granted(EARLIER, 100_000).events())
                .when(share(250_000))
                .expectEvents(granted(share(250_000),
                        quotaAt(NOW).used(350_000).releasing(100_000, EARLIER.plus(WINDOW))));
    }

    @Test
    void aGrantAtTheInstantOfTheOldestShareAddsToItsRelease() {
        fixture.given(history().granted(NOW, 100_000).events())
                .when(share(250_000))
                .expectEvents(granted(share(250_000), quotaAt(NOW).used(350_000).releasing(350_000, NOW.plus(WINDOW))));
    }

    @Test
    void aGrantAfterEveryOlderShareLeftIsTheNextReleaseAlone() {
        Instant later = EARLIER.plus(WINDOW).plusSeconds(1);
        clock.set(later);

        fixture.given(history().granted(EARLIER, 1_500_000).events())
                .when(share(5))
                .expectEvents(granted(share(5), quotaAt(later).used(5).releasing(5, later.plus(WINDOW))));
    }
}

package com.quotaledger.recipient;

import com.quotaledger.ledger.MutableClock;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.decision.DenialReason.REQUEST_EXCEEDS_LIMIT;
import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.allTermsAccepted;
import static com.quotaledger.recipient.RecipientExamples.denied;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.ids;
import static com.quotaledger.recipient.RecipientExamples.policyCounting;
import static com.quotaledger.recipient.RecipientExamples.policyWithLimit;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.registered;
import static com.quotaledger.recipient.RecipientExamples.share;

class ARequestLargerThanTheLimitIsDeniedForGood {

    private static final Instant EARLIER = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(1));

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<RecipientEntity> fixture = recipientFixture(clock);

    @Test
    void oneIdOverTheLimitIsDeniedWithoutARetryTime() {
        fixture.given(registered(), allTermsAccepted())
                .when(share(1_500_001))
                .expectEvents(denied(share(1_500_001), REQUEST_EXCEEDS_LIMIT, quotaAt(NOW)));
    }

    @Test
    void theDenialIsWhatTheCommandReturns() {
        fixture.given(registered(), allTermsAccepted())
                .when(share(LIMIT + 1))
                .expectResultMessagePayload(denied(share(LIMIT + 1), REQUEST_EXCEEDS_LIMIT, quotaAt(NOW)));
    }

    @Test
    void theSizeIsCheckedBeforeTheRollingWindow() {
        fixture.given(history().granted(EARLIER, LIMIT).events())
                .when(share(LIMIT + 1))
                .expectEvents(denied(share(LIMIT + 1), REQUEST_EXCEEDS_LIMIT,
                        quotaAt(NOW).used(LIMIT).releasing(LIMIT, EARLIER.plus(WINDOW))));
    }

    @Test
    void theLimitComesFromThePolicy() {
        recipientFixture(clock, policyWithLimit(1_000))
                .given(registered(), allTermsAccepted())
                .when(share(1_001))
                .expectEvents(denied(share(1_001), REQUEST_EXCEEDS_LIMIT, quotaAt(NOW).limit(1_000)));
    }

    @Test
    void theLargestRequestOfEveryCountedKindIsDeniedWithoutOverflow() {
        long most = IdCounts.MAX_IDS_PER_REQUEST;

        recipientFixture(clock, policyCounting(IdKind.POST, IdKind.USER, IdKind.DIRECT_MESSAGE))
                .given(registered(), allTermsAccepted())
                .when(share(ids(most, most, most)))
                .expectEvents(denied(share(ids(most, most, most)), REQUEST_EXCEEDS_LIMIT, quotaAt(NOW)));
    }
}

package com.quotaledger.recipient;

import com.quotaledger.ledger.MutableClock;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.RecipientView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.decision.DenialReason.REQUEST_EXCEEDS_LIMIT;
import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.allTermsAccepted;
import static com.quotaledger.recipient.RecipientExamples.denied;
import static com.quotaledger.recipient.RecipientExamples.deniedUntil;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.granted;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.ids;
import static com.quotaledger.recipient.RecipientExamples.policyCounting;
import static com.quotaledger.recipient.RecipientExamples.quotaAt;
import static com.quotaledger.recipient.RecipientExamples.recipientFixture;
import static com.quotaledger.recipient.RecipientExamples.registered;
import static com.quotaledger.recipient.RecipientExamples.share;
import static com.quotaledger.recipient.RecipientExamples.viewWithQuota;
import static org.axonframework.test.matchers.Matchers.matches;

class ThePolicyChoosesWhichIdKindsCount {

    private static final Instant FIRST = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant SECOND = REGISTERED_AT.plus(Duration.ofDays(1));
    private static final Instant NOW = REGISTERED_AT.plus(Duration.ofDays(3));
    private static final RedistributionPolicy POSTS_AND_USERS = policyCounting(IdKind.POST, IdKind.USER);

    private final MutableClock clock = MutableClock.at(NOW);

    @Test
    void byDefaultOnlyPostIdsCount() {
        recipientFixture(clock)
                .given(registered(), allTermsAccepted())
                .when(share(ids(100, 2_000_000, 3_000_000)))
                .expectEvents(granted(share(ids(100, 2_000_000, 3_000_000)),
                        quotaAt(NOW).used(100).releasing(100, NOW.plus(WINDOW))));
    }

    @Test
    void aShareOfUncountedIdsOnlyIsGrantedInAFullWindowAndUsesNothing() {
        recipientFixture(clock)
                .given(history().granted(FIRST, LIMIT).events())
                .when(share(ids(0, 5_000, 70)))
                .expectEvents(granted(share(ids(0, 5_000, 70)),
                        quotaAt(NOW).used(LIMIT).releasing(LIMIT, FIRST.plus(WINDOW))));
    }

    @Test
    void uncountedIdsAreStillRecordedInTheWindow() {
        recipientFixture(clock)
                .given(history().granted(FIRST, ids(0, 5_000, 70)).granted(SECOND, ids(10, 1, 0)).events())
                .when(describe())
                .expectResultMessagePayloadMatching(matches((RecipientView view) ->
                        view.idsInWindow().equals(ids(10, 5_001, 70))));
    }

    @Test
    void aShareWithoutCountedIdsIsNeverTheNextRelease() {
        recipientFixture(clock)
                .given(history().granted(FIRST, ids(0, 5_000, 0)).granted(SECOND, ids(10, 0, 0)).events())
                .when(describe())
                .expectResultMessagePayloadMatching(viewWithQuota(
                        quotaAt(NOW).used(10).releasing(10, SECOND.plus(WINDOW))));
    }

    @Test
    void withUserIdsCountedTheyAddToTheQuotaUsed() {
        recipientFixture(clock, POSTS_AND_USERS)
                .given(registered(), allTermsAccepted())
                .when(share(ids(100, 50, 7)))
                .expectEvents(granted(share(ids(100, 50, 7)), quotaAt(NOW).used(150).releasing(150, NOW.plus(WINDOW))));
    }

    @Test
    void withUserIdsCountedAShareThatFitsInPostIdsAloneIsDenied() {
        recipientFixture(clock, POSTS_AND_USERS)
                .given(history(POSTS_AND_USERS).granted(FIRST, 1_000_000).events())
                .when(share(ids(300_000, 300_000, 0)))
                .expectEvents(deniedUntil(share(ids(300_000, 300_000, 0)), FIRST.plus(WINDOW),
                        quotaAt(NOW).used(1_000_000).releasing(1_000_000, FIRST.plus(WINDOW))));
    }

    @Test
    void withUserIdsCountedTheirSumCanMakeARequestTooLarge() {
        recipientFixture(clock, POSTS_AND_USERS)
                .given(registered(), allTermsAccepted())
                .when(share(ids(1_000_000, 500_001, 0)))
                .expectEvents(denied(share(ids(1_000_000, 500_001, 0)), REQUEST_EXCEEDS_LIMIT, quotaAt(NOW)));
    }

    @Test
    void withUserIdsCountedAnEarlierUserShareIsTheNextRelease() {
        recipientFixture(clock, POSTS_AND_USERS)
                .given(history(POSTS_AND_USERS).granted(FIRST, ids(0, 5_000, 0)).granted(SECOND, ids(10, 0, 0))
                        .events())
                .when(describe())
                .expectResultMessagePayloadMatching(viewWithQuota(
                        quotaAt(NOW).used(5_010).releasing(5_000, FIRST.plus(WINDOW))));
    }
}

package com.quotaledger.recipient;

import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.Quota;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static com.quotaledger.recipient.RecipientExamples.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ARollingWindowCountsEachShareForOneWindow {

    private static final Duration W = Duration.ofDays(30);
    private static final Instant S = Instant.parse("2025-03-01T10:00:00Z");
    private static final Set<IdKind> POSTS = EnumSet.of(IdKind.POST);
    private static final Set<IdKind> USERS = EnumSet.of(IdKind.USER);
    private static final Set<IdKind> POSTS_AND_USERS = EnumSet.of(IdKind.POST, IdKind.USER);
    private static final String DEFAULT = Quota.DEFAULT_LIMIT_SOURCE;

    private final RollingWindow window = new RollingWindow();

    @Test
    void aShareCountsFromTheInstantItIsGrantedUntilOneWindowLater() {
        window.add(S, ids(5, 6, 7));

        assertThat(window.inWindow(S, W)).isEqualTo(ids(5, 6, 7));
        assertThat(window.inWindow(S.plus(W).minusMillis(1), W)).isEqualTo(ids(5, 6, 7));
        assertThat(window.inWindow(S.plus(W).minusNanos(1), W)).isEqualTo(ids(5, 6, 7));
        assertThat(window.inWindow(S.plus(W), W)).isEqualTo(IdCounts.NONE);
    }

    @Test
    void inWindowSumsEveryKindOfTheSharesThatStillCount() {
        window.add(S, ids(5, 6, 7));
        window.add(S.plus(Duration.ofDays(1)), ids(100, 0, 1));

        assertThat(window.inWindow(S.plus(Duration.ofDays(2)), W)).isEqualTo(ids(105, 6, 8));
        assertThat(window.inWindow(S.plus(W), W)).isEqualTo(ids(100, 0, 1));
    }

    @Test
    void expireForgetsExactlyTheSharesThatNoLongerCount() {
        window.add(S, ids(300, 0, 0));
        window.add(S, ids(200, 0, 0));
        window.add(S.plus(Duration.ofDays(1)), ids(100, 0, 0));

        window.expire(S.plus(W).minusMillis(1), W);
        assertThat(window.entries()).containsExactly(new RollingWindow.Entry(S, ids(500, 0, 0)),
                new RollingWindow.Entry(S.plus(Duration.ofDays(1)), ids(100, 0, 0)));

        window.expire(S.plus(W), W);
        assertThat(window.entries())
                .containsExactly(new RollingWindow.Entry(S.plus(Duration.ofDays(1)), ids(100, 0, 0)));
        assertThat(window.inWindow(S.plus(W), W)).isEqualTo(ids(100, 0, 0));
    }

    @Test
    void queriesAnswerTheSameWhetherOrNotTheWindowWasExpired() {
        RollingWindow expired = new RollingWindow();
        for (RollingWindow each : List.of(window, expired)) {
            each.add(S, ids(300, 1, 0));
            each.add(S.plus(Duration.ofDays(10)), ids(200, 0, 2));
            each.add(S.plus(Duration.ofDays(20)), ids(100, 0, 0));
        }
        expired.expire(S.plus(Duration.ofDays(35)), W);

        for (int days : new int[] {35, 39, 40, 45, 49, 50, 60}) {
            Instant at = S.plus(Duration.ofDays(days));
            assertThat(window.inWindow(at, W)).as("day %d", days).isEqualTo(expired.inWindow(at, W));
            assertThat(window.quota(at, W, 1_000, DEFAULT, POSTS)).as("day %d", days)
                    .isEqualTo(expired.quota(at, W, 1_000, DEFAULT, POSTS));
        }
    }

    @Test
    void theQuotaSumsTheCountedIdsAndNamesTheNextRelease() {
        givenSharesOfSeveralKinds();
        Instant now = S.plus(Duration.ofDays(3));

        assertThat(window.quota(now, W, 1_000, DEFAULT, POSTS))
                .isEqualTo(new Quota(1_000, DEFAULT, 600, 400, W, now.minus(W), now, S.plus(W), 500));
        assertThat(window.quota(now, W, 1_000, DEFAULT, USERS))
                .isEqualTo(new Quota(1_000, DEFAULT, 60, 940, W, now.minus(W), now, S.plus(W), 10));
        assertThat(window.quota(now, W, 1_000, DEFAULT, POSTS_AND_USERS))
                .isEqualTo(new Quota(1_000, DEFAULT, 660, 340, W, now.minus(W), now, S.plus(W), 510));
    }

    @Test
    void aShareWithoutCountedIdsIsSkippedForTheNextRelease() {
        givenSharesOfSeveralKinds();
        Instant now = S.plus(W);

        assertThat(window.quota(now, W, 1_000, DEFAULT, POSTS)).isEqualTo(
                new Quota(1_000, DEFAULT, 100, 900, W, now.minus(W), now, S.plus(Duration.ofDays(2)).plus(W), 100));
        assertThat(window.quota(now, W, 1_000, DEFAULT, USERS)).isEqualTo(
                new Quota(1_000, DEFAULT, 50, 950, W, now.minus(W), now, S.plus(Duration.ofDays(1)).plus(W), 50));
    }

    @Test
    void anEmptyWindowHasUsedNothingAndHasNothingToRelease() {
        assertThat(window.quota(S, W, 1_000, DEFAULT, POSTS))
                .isEqualTo(new Quota(1_000, DEFAULT, 0, 1_000, W, S.minus(W), S, null, 0));
    }

    @Test
    void theQuotaNamesTheSourceOfTheLimitItWasGiven() {
        givenSharesOfSeveralKinds();
        Instant now = S.plus(Duration.ofDays(3));

        assertThat(window.quota(now, W, 2_000, "permission-7", POSTS))
                .isEqualTo(new Quota(2_000, "permission-7", 600, 1_400, W, now.minus(W), now, S.plus(W), 500));
    }

    @Test
    void remainingIsNeverNegativeWhenTheLimitIsBelowWhatIsUsed() {
        givenSharesOfSeveralKinds();
        Instant now = S.plus(Duration.ofDays(3));

        assertThat(window.quota(now, W, 500, DEFAULT, POSTS).remaining()).isZero();
        assertThat(window.quota(now, W, 500, DEFAULT, POSTS).used()).isEqualTo(600);
    }

    @Test
    void aRequestThatFitsNowFitsNow() {
        givenSharesOfSeveralKinds();
        Instant now = S.plus(Duration.ofDays(3));

        assertThat(window.fitsAt(now, W, 1_000, POSTS, 400)).isEqualTo(now);
        assertThat(window.fitsAt(now, W, 1_000, POSTS, 0)).isEqualTo(now);
    }

    @Test
    void aRequestThatDoesNotFitFitsOnceEnoughSharesHaveLeft() {
        givenSharesOfSeveralKinds();
        Instant now = S.plus(Duration.ofDays(3));

        assertThat(window.fitsAt(now, W, 1_000, POSTS, 401)).isEqualTo(S.plus(W));
        assertThat(window.fitsAt(now, W, 1_000, POSTS, 900)).isEqualTo(S.plus(W));
        assertThat(window.fitsAt(now, W, 1_000, POSTS, 901)).isEqualTo(S.plus(Duration.ofDays(2)).plus(W));
        assertThat(window.fitsAt(now, W, 1_000, POSTS, 1_000)).isEqualTo(S.plus(Duration.ofDays(2)).plus(W));
    }

    @Test
    void aRequestLargerThanTheLimitNeverFits() {
        assertThatThrownBy(() -> window.fitsAt(S, W, 1_000, POSTS, 1_001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sharesAreAddedInTimeOrder() {
        window.add(S.plusMillis(1), ids(1, 0, 0));
        window.add(S.plusMillis(1), ids(2, 0, 0));

        assertThatThrownBy(() -> window.add(S, ids(3, 0, 0))).isInstanceOf(IllegalStateException.class);
        assertThat(window.inWindow(S.plusMillis(1), W)).isEqualTo(ids(3, 0, 0));
    }

    /** 500 post IDs at S, then only user IDs a day later, then 100 post IDs two days after S. */
    private void givenSharesOfSeveralKinds() {
        window.add(S, ids(300, 10, 0));
        window.add(S, ids(200, 0, 0));
        window.add(S.plus(Duration.ofDays(1)), ids(0, 50, 0));
        window.add(S.plus(Duration.ofDays(2)), ids(100, 0, 0));
    }
}

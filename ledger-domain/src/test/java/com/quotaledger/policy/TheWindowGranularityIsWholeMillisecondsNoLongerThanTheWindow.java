package com.quotaledger.policy;

import com.quotaledger.recipient.api.IdKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TheWindowGranularityIsWholeMillisecondsNoLongerThanTheWindow {

    private static final Duration WINDOW = Duration.ofDays(30);
    private static final EnumSet<IdKind> POSTS = EnumSet.of(IdKind.POST);

    @Test
    void theDefaultIsOneMillisecondThePrecisionOfEveryDecision() {
        assertThat(RedistributionPolicy.defaults().windowGranularity()).isEqualTo(Duration.ofMillis(1));
        assertThat(new RedistributionPolicy(1_000, WINDOW, POSTS).windowGranularity())
                .isEqualTo(RedistributionPolicy.DEFAULT_WINDOW_GRANULARITY);
    }

    @Test
    void anyWholeNumberOfMillisecondsUpToTheWindowIsAGranularity() {
        for (Duration granularity : List.of(Duration.ofMillis(1), Duration.ofMillis(7), Duration.ofSeconds(1),
                Duration.ofHours(1), WINDOW)) {
            assertThat(new RedistributionPolicy(1_000, WINDOW, POSTS, granularity).windowGranularity())
                    .isEqualTo(granularity);
        }
    }

    @Test
    void lessThanAMillisecondOrAFractionOfOneIsRefused() {
        for (Duration granularity : List.of(Duration.ZERO, Duration.ofMillis(-1), Duration.ofNanos(999_999),
                Duration.ofNanos(1_500_000), Duration.ofSeconds(1).plusNanos(1))) {
            assertThatThrownBy(() -> new RedistributionPolicy(1_000, WINDOW, POSTS, granularity))
                    .as("%s", granularity).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new RedistributionPolicy(1_000, WINDOW, POSTS, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void aGranularityLongerThanTheWindowIsRefused() {
        assertThatThrownBy(() -> new RedistributionPolicy(1_000, WINDOW, POSTS, WINDOW.plusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RedistributionPolicy(1_000, Duration.ofNanos(500_000), POSTS))
                .as("a window shorter than the default granularity").isInstanceOf(IllegalArgumentException.class);
    }
}

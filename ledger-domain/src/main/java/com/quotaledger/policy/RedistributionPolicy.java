package com.quotaledger.policy;

import com.quotaledger.recipient.api.IdKind;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The limits of the X Developer Policy's "Content redistribution" section that the ledger enforces: at most
 * {@code rollingLimit} IDs of the counted kinds to any entity within any {@code rollingWindow}.
 * <p>
 * {@code windowGranularity} trades precision for memory: a share's time is rounded up to a multiple of it (since the
 * epoch) when the share enters a recipient's window, so shares granted within one granule take one entry. A share
 * then leaves the window up to one granularity late, never early, so the limit always holds. The default, one
 * millisecond, is the precision decisions are taken at, so it changes no decision.
 */
public record RedistributionPolicy(long rollingLimit, Duration rollingWindow, Set<IdKind> countedIdKinds,
                                   Duration windowGranularity) {

    public static final long DEFAULT_ROLLING_LIMIT = 1_500_000L;
    public static final Duration DEFAULT_ROLLING_WINDOW = Duration.ofDays(30);
    public static final Duration DEFAULT_WINDOW_GRANULARITY = Duration.ofMillis(1);

    public RedistributionPolicy {
        if (rollingLimit < 0) {
            throw new IllegalArgumentException("rollingLimit must not be negative");
        }
        Objects.requireNonNull(rollingWindow, "rollingWindow");
        if (rollingWindow.isNegative() || rollingWindow.isZero()) {
            throw new IllegalArgumentException("rollingWindow must be positive");
        }
        if (countedIdKinds == null || countedIdKinds.isEmpty()) {
            throw new IllegalArgumentException("at least one kind of ID must count against the limit");
        }
        countedIdKinds = Collections.unmodifiableSet(EnumSet.copyOf(countedIdKinds));
        Objects.requireNonNull(windowGranularity, "windowGranularity");
        // whole milliseconds, because decisions are taken at whole milliseconds and windows keep their times so
        boolean wholeMillis = windowGranularity.getNano() % 1_000_000 == 0;
        if (windowGranularity.compareTo(DEFAULT_WINDOW_GRANULARITY) < 0 || !wholeMillis) {
            throw new IllegalArgumentException("windowGranularity must be a whole number of milliseconds, at least "
                    + "one: " + windowGranularity);
        }
        // a share is held for up to the window plus the granularity; beyond the window that is more than twice as long
        if (windowGranularity.compareTo(rollingWindow) > 0) {
            throw new IllegalArgumentException("windowGranularity must not exceed rollingWindow: "
                    + windowGranularity + " > " + rollingWindow);
        }
    }

    /** A policy at the default granularity of one millisecond, whose windows are exact. */
    public RedistributionPolicy(long rollingLimit, Duration rollingWindow, Set<IdKind> countedIdKinds) {
        this(rollingLimit, rollingWindow, countedIdKinds, DEFAULT_WINDOW_GRANULARITY);
    }

    public static RedistributionPolicy defaults() {
        return new RedistributionPolicy(DEFAULT_ROLLING_LIMIT, DEFAULT_ROLLING_WINDOW, EnumSet.of(IdKind.POST),
                DEFAULT_WINDOW_GRANULARITY);
    }
}

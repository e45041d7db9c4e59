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
 */
public record RedistributionPolicy(long rollingLimit, Duration rollingWindow, Set<IdKind> countedIdKinds) {

    public static final long DEFAULT_ROLLING_LIMIT = 1_500_000L;
    public static final Duration DEFAULT_ROLLING_WINDOW = Duration.ofDays(30);

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
    }

    public static RedistributionPolicy defaults() {
        return new RedistributionPolicy(DEFAULT_ROLLING_LIMIT, DEFAULT_ROLLING_WINDOW, EnumSet.of(IdKind.POST));
    }
}

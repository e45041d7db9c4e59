package com.quotaledger.recipient;

import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.Quota;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The rolling window as its definition reads, for comparing {@link RollingWindow} with: every share in a list, each
 * counting from its grant until exactly one window later, nothing merged, rounded or expired, and every answer summed
 * over the whole list.
 */
final class BruteForceWindow {

    record Share(Instant grantedAt, IdCounts ids) {
    }

    private final Duration window;
    private final List<Share> shares = new ArrayList<>();

    BruteForceWindow(Duration window) {
        this.window = window;
    }

    void add(Instant grantedAt, IdCounts ids) {
        shares.add(new Share(grantedAt, ids));
    }

    List<Share> shares() {
        return List.copyOf(shares);
    }

    /**
     * Drops the shares that, even released {@code lateness} after their time, count at no instant from {@code now}
     * on: no answer for such an instant can depend on them, and the list stays short enough to sum for every query.
     */
    void forgetSharesGoneBy(Instant now, Duration lateness) {
        shares.removeIf(share -> !share.grantedAt().plus(window).plus(lateness).isAfter(now));
    }

    IdCounts inWindow(Instant at) {
        return inWindowReleasedLate(at, Duration.ZERO);
    }

    /** What the window would hold at {@code at} if every share left it {@code lateness} after its exact time. */
    IdCounts inWindowReleasedLate(Instant at, Duration lateness) {
        IdCounts inside = IdCounts.NONE;
        for (Share share : shares) {
            if (share.grantedAt().plus(window).plus(lateness).isAfter(at)) {
                inside = inside.plus(share.ids());
            }
        }
        return inside;
    }

    Quota quota(Instant at, long limit, String limitSource, Set<IdKind> countedKinds) {
        long used = inWindow(at).sumOf(countedKinds);
        Instant nextReleaseAt = null;
        for (Share share : shares) {
            Instant releaseAt = share.grantedAt().plus(window);
            if (releaseAt.isAfter(at) && share.ids().sumOf(countedKinds) > 0
                    && (nextReleaseAt == null || releaseAt.isBefore(nextReleaseAt))) {
                nextReleaseAt = releaseAt;
            }
        }
        long nextReleaseAmount = 0;
        for (Share share : shares) {
            if (share.grantedAt().plus(window).equals(nextReleaseAt)) {
                nextReleaseAmount += share.ids().sumOf(countedKinds);
            }
        }
        return new Quota(limit, limitSource, used, Math.max(0, limit - used), window, at.minus(window), at,
                nextReleaseAt, nextReleaseAmount);
    }

    /**
     * The first instant at or after {@code at} at which {@code requested} more counted IDs fit under the limit then,
     * trying {@code at}, every release after it and every change of the limit; null if none fits.
     */
    Instant fitsAt(Instant at, Set<IdKind> countedKinds, long requested, Function<Instant, Long> limitAt,
                   SortedSet<Instant> limitChanges) {
        SortedSet<Instant> candidates = new TreeSet<>(limitChanges.tailSet(at));
        candidates.add(at);
        for (Share share : shares) {
            candidates.add(share.grantedAt().plus(window));
        }
        for (Instant candidate : candidates.tailSet(at)) {
            if (inWindow(candidate).sumOf(countedKinds) + requested <= limitAt.apply(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}

package com.quotaledger.recipient;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.Quota;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The shares granted to one recipient that may still count against its limit, oldest first, with their running
 * total. A share granted at {@code s} counts at every instant {@code t} with {@code s <= t < s + window}.
 * <p>
 * Its state is bounded by the shares inside the window: {@link #expire} forgets the rest. Queries never rely on
 * expiry having happened, so a window expired at the last event still answers for any later instant.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class RollingWindow {

    record Entry(Instant grantedAt, IdCounts ids) {
    }

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    /** Always the sum of {@link #entries}; IdCounts refuses to go negative, which catches a broken sum. */
    private IdCounts total = IdCounts.NONE;

    RollingWindow() {
    }

    /** The snapshot form: the entries alone; the total is derived from them again. */
    @JsonCreator
    RollingWindow(@JsonProperty("entries") List<Entry> entries) {
        if (entries != null) {
            entries.forEach(entry -> add(entry.grantedAt(), entry.ids()));
        }
    }

    @JsonProperty("entries")
    List<Entry> entries() {
        return List.copyOf(entries);
    }

    void add(Instant grantedAt, IdCounts ids) {
        Entry newest = entries.peekLast();
        if (newest != null && grantedAt.isBefore(newest.grantedAt())) {
            throw new IllegalStateException("shares must be added in time order: " + grantedAt
                    + " is before " + newest.grantedAt());
        }
        entries.addLast(new Entry(grantedAt, ids));
        total = total.plus(ids);
    }

    /** Forgets the shares that no longer count at {@code now}. */
    void expire(Instant now, Duration window) {
        while (!entries.isEmpty() && !counts(entries.peekFirst(), now, window)) {
            total = total.minus(entries.removeFirst().ids());
        }
    }

    /** The IDs of every kind granted in the window ending at {@code now}. */
    IdCounts inWindow(Instant now, Duration window) {
        IdCounts inside = total;
        for (Entry entry : entries) {
            if (counts(entry, now, window)) {
                break;
            }
            inside = inside.minus(entry.ids());
        }
        return inside;
    }

    Quota quota(Instant now, Duration window, long limit, String limitSource, Set<IdKind> countedKinds) {
        long used = inWindow(now, window).sumOf(countedKinds);
        Instant nextReleaseAt = null;
        long nextReleaseAmount = 0;
        for (Entry entry : entries) {
            long amount = entry.ids().sumOf(countedKinds);
            if (amount == 0 || !counts(entry, now, window)) {
                continue;
            }
            Instant releaseAt = entry.grantedAt().plus(window);
            if (nextReleaseAt != null && !releaseAt.equals(nextReleaseAt)) {
                break;
            }
            nextReleaseAt = releaseAt;
            nextReleaseAmount = Math.addExact(nextReleaseAmount, amount);
        }
        return new Quota(limit, limitSource, used, Math.max(0, limit - used), window, now.minus(window), now,
                nextReleaseAt, nextReleaseAmount);
    }

    /**
     * The first instant at or after {@code now} at which {@code requested} more counted IDs fit under
     * {@code limit}, assuming nothing else is granted meanwhile. Requires {@code requested <= limit}.
     */
    Instant fitsAt(Instant now, Duration window, long limit, Set<IdKind> countedKinds, long requested) {
        if (requested > limit) {
            throw new IllegalArgumentException("a request larger than the limit never fits");
        }
        Instant fits = fitsAt(now, window, countedKinds, requested, instant -> limit, new TreeSet<>());
        if (fits == null) {
            throw new IllegalStateException("the window's shares do not add up to its total");
        }
        return fits;
    }

    /**
     * The first instant at or after {@code now} at which {@code requested} more counted IDs fit under the limit in
     * force then ({@code limitAt}), assuming nothing else is granted meanwhile; null if none does. The window only
     * changes when a share leaves it and the limit only at {@code limitChanges}, so those are the instants to try.
     */
    Instant fitsAt(Instant now, Duration window, Set<IdKind> countedKinds, long requested,
                   Function<Instant, Long> limitAt, SortedSet<Instant> limitChanges) {
        long used = inWindow(now, window).sumOf(countedKinds);
        if (used + requested <= limitAt.apply(now)) {
            return now;
        }
        Iterator<Entry> leaving = entries.stream().filter(entry -> counts(entry, now, window)).iterator();
        Iterator<Instant> changes = limitChanges.iterator();
        Entry nextLeaving = leaving.hasNext() ? leaving.next() : null;
        Instant nextChange = changes.hasNext() ? changes.next() : null;
        while (nextLeaving != null || nextChange != null) {
            Instant leaveAt = nextLeaving == null ? null : nextLeaving.grantedAt().plus(window);
            Instant at = leaveAt == null || nextChange != null && nextChange.isBefore(leaveAt) ? nextChange : leaveAt;
            while (nextLeaving != null && nextLeaving.grantedAt().plus(window).equals(at)) {
                used -= nextLeaving.ids().sumOf(countedKinds);
                nextLeaving = leaving.hasNext() ? leaving.next() : null;
            }
            while (nextChange != null && !nextChange.isAfter(at)) {
                nextChange = changes.hasNext() ? changes.next() : null;
            }
            if (used + requested <= limitAt.apply(at)) {
                return at;
            }
        }
        return null;
    }

    private static boolean counts(Entry entry, Instant now, Duration window) {
        return entry.grantedAt().plus(window).isAfter(now);
    }
}

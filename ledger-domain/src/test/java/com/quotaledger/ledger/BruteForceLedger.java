package com.quotaledger.ledger;

import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.DenialReason;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The share rules computed the slow and obvious way, to compare the ledger against: every grant ever made is kept,
 * and every figure is summed afresh from the grants inside the window (t - W, t]. Nothing is cached, expired or
 * updated incrementally.
 */
public final class BruteForceLedger {

    public record Grant(Instant at, IdCounts ids) {
    }

    private final RedistributionPolicy policy;
    private final List<Grant> grants = new ArrayList<>();

    public BruteForceLedger(RedistributionPolicy policy) {
        this.policy = policy;
    }

    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    /** Decides a share at {@code t} as the rules say, and keeps it if granted. */
    public ShareDecision decide(Instant t, boolean termsAccepted, ShareRequest request, String shareId) {
        long requested = counted(request.ids());
        Quota before = quotaAt(t);
        if (!termsAccepted) {
            return new ShareDeniedEvent(request, DenialReason.TERMS_NOT_ACCEPTED, t, null, before, null);
        }
        if (requested > policy.rollingLimit()) {
            return new ShareDeniedEvent(request, DenialReason.REQUEST_EXCEEDS_LIMIT, t, null, before, null);
        }
        if (usedAt(t) + requested > policy.rollingLimit()) {
            return new ShareDeniedEvent(request, DenialReason.ROLLING_LIMIT_EXCEEDED, t, retryAt(t, requested),
                    before, null);
        }
        grant(t, request.ids());
        return new ShareGrantedEvent(request, shareId, t, quotaAt(t), null);
    }

    public void grant(Instant at, IdCounts ids) {
        grants.add(new Grant(at, ids));
    }

    public Quota quotaAt(Instant t) {
        long limit = policy.rollingLimit();
        long used = usedAt(t);
        Instant nextReleaseAt = null;
        for (Grant grant : grants) {
            Instant leavesAt = grant.at().plus(window());
            if (inWindow(grant, t) && counted(grant.ids()) > 0
                    && (nextReleaseAt == null || leavesAt.isBefore(nextReleaseAt))) {
                nextReleaseAt = leavesAt;
            }
        }
        long nextReleaseAmount = 0;
        for (Grant grant : grants) {
            if (inWindow(grant, t) && grant.at().plus(window()).equals(nextReleaseAt)) {
                nextReleaseAmount += counted(grant.ids());
            }
        }
        return new Quota(limit, Quota.DEFAULT_LIMIT_SOURCE, used, Math.max(0, limit - used), window(),
                t.minus(window()), t, nextReleaseAt, nextReleaseAmount);
    }

    public long usedAt(Instant t) {
        return counted(idsInWindowAt(t));
    }

    public IdCounts idsInWindowAt(Instant t) {
        IdCounts sum = IdCounts.NONE;
        for (Grant grant : grants) {
            if (inWindow(grant, t)) {
                sum = sum.plus(grant.ids());
            }
        }
        return sum;
    }

    /** The first instant from {@code t} on at which {@code requested} more counted IDs fit, granting nothing more. */
    public Instant retryAt(Instant t, long requested) {
        TreeSet<Instant> candidates = new TreeSet<>();
        candidates.add(t);
        for (Grant grant : grants) {
            Instant leavesAt = grant.at().plus(window());
            if (leavesAt.isAfter(t)) {
                candidates.add(leavesAt);
            }
        }
        for (Instant candidate : candidates) {
            if (usedAt(candidate) + requested <= policy.rollingLimit()) {
                return candidate;
            }
        }
        throw new IllegalStateException("once every grant has left the window, any request within the limit fits");
    }

    /** The earliest instant after {@code t} at which a grant inside the window leaves it, or null. */
    public Instant nextDepartureAfter(Instant t) {
        Instant next = null;
        for (Grant grant : grants) {
            Instant leavesAt = grant.at().plus(window());
            if (leavesAt.isAfter(t) && (next == null || leavesAt.isBefore(next))) {
                next = leavesAt;
            }
        }
        return next;
    }

    public long counted(IdCounts ids) {
        return policy.countedIdKinds().stream().mapToLong(ids::of).sum();
    }

    private boolean inWindow(Grant grant, Instant t) {
        return grant.at().isAfter(t.minus(window())) && !grant.at().isAfter(t);
    }

    private Duration window() {
        return policy.rollingWindow();
    }
}

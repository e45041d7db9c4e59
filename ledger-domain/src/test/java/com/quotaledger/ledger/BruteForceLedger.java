package com.quotaledger.ledger;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.DsaAccess;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.exemption.api.Exemptions;
import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.exemption.api.Validity;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.BasisType;
import com.quotaledger.recipient.api.ConfirmReservationRequest;
import com.quotaledger.recipient.api.ExceedsReservationException;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.ReservationConfirmedEvent;
import com.quotaledger.recipient.api.ReservationDecision;
import com.quotaledger.recipient.api.ReservationDeniedEvent;
import com.quotaledger.recipient.api.ReservationExpiredEvent;
import com.quotaledger.recipient.api.ReservationGrantedEvent;
import com.quotaledger.recipient.api.ReservationNotFoundException;
import com.quotaledger.recipient.api.ReservationNotOpenException;
import com.quotaledger.recipient.api.ReservationRequest;
import com.quotaledger.recipient.api.ReservationState;
import com.quotaledger.recipient.api.ReservationView;
import com.quotaledger.recipient.api.ReservationVoidedEvent;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.recipient.api.VoidReservationRequest;
import com.quotaledger.terms.api.OutdatedTerms;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The share rules of one recipient computed the slow and obvious way, to compare the ledger against. It keeps the raw
 * history (every grant, every exemption as it was granted, every revocation, every person joining or leaving, every
 * draw on an academic approval) and works each figure out afresh from it: the IDs in the window (t - W, t], the limit
 * in force at t, what is left of an approval, what reservations hold at t. Nothing is cached, expired or updated
 * incrementally.
 */
public final class BruteForceLedger {

    /** A share granted under the standard basis: the only kind that enters the rolling window. */
    public record Grant(Instant at, IdCounts ids) {
    }

    /** What revoking an exemption does. */
    public enum Revocation {
        REVOKED, ALREADY_REVOKED, NOT_FOUND
    }

    private record Membership(Instant at, String personId, boolean joined) {
    }

    private record Revoked(ExemptionKind kind, String exemptionId, Instant at) {
    }

    private record Draw(String approvalId, long postIds, long userIds) {
    }

    private record Limit(long limit, String source) {
    }

    /**
     * A granted reservation: it holds its IDs at every t with reservedAt <= t < expiresAt, and before closedAt if it
     * was confirmed or voided.
     */
    private record Hold(String reservationId, ShareRequest share, Instant reservedAt, Instant expiresAt,
                        ReservationState closedAs, Instant closedAt, String shareId, IdCounts confirmedIds) {

        boolean holdsAt(Instant t) {
            return !t.isBefore(reservedAt) && t.isBefore(expiresAt) && (closedAt == null || t.isBefore(closedAt));
        }

        Instant endsAt() {
            return closedAt == null ? expiresAt : closedAt;
        }
    }

    private final RedistributionPolicy policy;
    private final List<Grant> grants = new ArrayList<>();
    private final List<Membership> memberships = new ArrayList<>();
    private final List<AcademicApproval> approvalsAsGranted = new ArrayList<>();
    private final List<DsaAccess> accessesAsGranted = new ArrayList<>();
    private final List<LimitPermission> permissionsAsGranted = new ArrayList<>();
    private final List<Revoked> revocations = new ArrayList<>();
    private final List<Draw> draws = new ArrayList<>();
    private final List<Hold> holds = new ArrayList<>();

    public BruteForceLedger(RedistributionPolicy policy) {
        this.policy = policy;
    }

    public List<Grant> grants() {
        return List.copyOf(grants);
    }

    /**
     * Decides a share at {@code t} as the rules say, and keeps what a grant changes. The rules, per basis, in order:
     * standard: terms accepted, terms up to date, person, then a share that counts nothing is granted, one that fits
     * at no instant from {@code t} on is too large, and one that fits only later waits for the window; academic
     * approval: terms accepted, terms up to date, person, found, no DM IDs, valid, budget; DSA Art. 40: person,
     * found, valid.
     */
    public ShareDecision decide(Instant t, boolean termsAccepted, ShareRequest request, String shareId) {
        return decide(t, termsAccepted, List.of(), request, shareId);
    }

    /** As above, for a recipient whose accepted terms may be older than the versions in force. */
    public ShareDecision decide(Instant t, boolean termsAccepted, List<OutdatedTerms> outdatedTerms,
                                ShareRequest request, String shareId) {
        ShareDecision decision = decideOnly(t, termsAccepted, outdatedTerms, request);
        if (decision instanceof ShareDeniedEvent) {
            return decision;
        }
        return switch (request.basis().type()) {
            case STANDARD -> {
                grants.add(new Grant(t, request.ids()));
                yield new ShareGrantedEvent(request, shareId, t, quotaAt(t), null);
            }
            case ACADEMIC_APPROVAL -> {
                draws.add(new Draw(request.basis().approvalId(), request.ids().postIds(), request.ids().userIds()));
                yield new ShareGrantedEvent(request, shareId, t, decision.quota(),
                        approval(request.basis().approvalId()));
            }
            case DSA_ARTICLE_40 -> new ShareGrantedEvent(request, shareId, t, decision.quota(), null);
        };
    }

    /** The decision on a share at {@code t}, recording nothing: a grant here carries the quota before it. */
    private ShareDecision decideOnly(Instant t, boolean termsAccepted, List<OutdatedTerms> outdatedTerms,
                                     ShareRequest request) {
        Quota before = quotaAt(t);
        BasisType basis = request.basis().type();
        AcademicApproval approval = basis == BasisType.ACADEMIC_APPROVAL ? approval(request.basis().approvalId())
                : null;
        DenialReason termsDenial = termsDenial(termsAccepted, outdatedTerms);
        DenialReason reason = switch (basis) {
            case STANDARD -> termsDenial != null ? termsDenial : standardDenial(t, request);
            case ACADEMIC_APPROVAL -> termsDenial != null ? termsDenial : academicDenial(t, request, approval);
            case DSA_ARTICLE_40 -> dsaDenial(t, request);
        };
        if (reason != null) {
            Instant retryAt = reason == DenialReason.ROLLING_LIMIT_EXCEEDED
                    ? retryAt(t, counted(request.ids())) : null;
            return new ShareDeniedEvent(request, reason, t, retryAt, before, approval,
                    reason == DenialReason.TERMS_OUTDATED ? outdatedTerms : List.of());
        }
        return new ShareGrantedEvent(request, "not recorded", t, before, null);
    }

    private static DenialReason termsDenial(boolean termsAccepted, List<OutdatedTerms> outdatedTerms) {
        if (!termsAccepted) {
            return DenialReason.TERMS_NOT_ACCEPTED;
        }
        return outdatedTerms.isEmpty() ? null : DenialReason.TERMS_OUTDATED;
    }

    private DenialReason standardDenial(Instant t, ShareRequest request) {
        long requested = counted(request.ids());
        if (!personMayReceive(request)) {
            return DenialReason.PERSON_NOT_AFFILIATED;
        }
        if (requested == 0) {
            return null;
        }
        Instant fits = retryAt(t, requested);
        if (fits == null) {
            return DenialReason.REQUEST_EXCEEDS_LIMIT;
        }
        return fits.isAfter(t) ? DenialReason.ROLLING_LIMIT_EXCEEDED : null;
    }

    private DenialReason academicDenial(Instant t, ShareRequest request, AcademicApproval approval) {
        IdCounts ids = request.ids();
        if (!personMayReceive(request)) {
            return DenialReason.PERSON_NOT_AFFILIATED;
        }
        if (approval == null) {
            return DenialReason.APPROVAL_NOT_FOUND;
        }
        if (ids.directMessageIds() > 0) {
            return DenialReason.BASIS_DOES_NOT_COVER_DM_IDS;
        }
        if (!holdsAt(approval.validity(), t)) {
            return DenialReason.APPROVAL_NOT_VALID;
        }
        if (ids.postIds() > approval.approvedPostIds() - approval.usedPostIds() - heldOf(approval, t, IdKind.POST)
                || ids.userIds() > approval.approvedUserIds() - approval.usedUserIds()
                - heldOf(approval, t, IdKind.USER)) {
            return DenialReason.APPROVAL_EXHAUSTED;
        }
        return null;
    }

    private DenialReason dsaDenial(Instant t, ShareRequest request) {
        if (!personMayReceive(request)) {
            return DenialReason.PERSON_NOT_AFFILIATED;
        }
        DsaAccess access = access(request.basis().accessId());
        if (access == null) {
            return DenialReason.APPROVAL_NOT_FOUND;
        }
        if (!holdsAt(access.validity(), t)) {
            return DenialReason.APPROVAL_NOT_VALID;
        }
        return null;
    }

    /**
     * Decides a reservation at {@code t} by the rules of the share it holds, with what open reservations hold
     * counted as used; granted, it holds its IDs from {@code t} until {@code t + holdFor}.
     */
    public ReservationDecision reserve(Instant t, boolean termsAccepted, List<OutdatedTerms> outdatedTerms,
                                       ReservationRequest request, String reservationId) {
        ShareDecision asShare = decideOnly(t, termsAccepted, outdatedTerms, request.share());
        if (asShare instanceof ShareDeniedEvent denied) {
            return new ReservationDeniedEvent(request, denied.reason(), t, denied.retryAt(), denied.quota(),
                    denied.approval(), denied.outdatedTerms());
        }
        holds.add(new Hold(reservationId, request.share(), t, t.plus(request.holdFor()), null, null, null, null));
        ShareRequest share = request.share();
        return new ReservationGrantedEvent(request, reservationId, t, t.plus(request.holdFor()), quotaAt(t),
                share.basis().type() == BasisType.ACADEMIC_APPROVAL ? approval(share.basis().approvalId()) : null);
    }

    /** Records a reservation's delivery as a share granted at {@code t}; throws as the ledger refuses. */
    public ReservationConfirmedEvent confirm(Instant t, ConfirmReservationRequest request, String shareId) {
        Hold hold = open(request.reservationId(), t);
        IdCounts delivered = request.ids() == null ? hold.share().ids() : request.ids();
        for (IdKind kind : IdKind.values()) {
            if (delivered.of(kind) > hold.share().ids().of(kind)) {
                throw new ExceedsReservationException(hold.reservationId(), hold.share().ids(), delivered);
            }
        }
        ShareRequest reserved = hold.share();
        ShareRequest share = new ShareRequest(request.requestId(), reserved.recipientId(), reserved.personId(),
                delivered, reserved.basis(), reserved.purpose());
        close(hold, ReservationState.CONFIRMED, t, shareId, delivered);
        AcademicApproval approval = null;
        switch (share.basis().type()) {
            case STANDARD -> grants.add(new Grant(t, delivered));
            case ACADEMIC_APPROVAL -> {
                draws.add(new Draw(share.basis().approvalId(), delivered.postIds(), delivered.userIds()));
                approval = approval(share.basis().approvalId());
            }
            case DSA_ARTICLE_40 -> {
                // outside the limits
            }
        }
        return new ReservationConfirmedEvent(request, share, shareId, t, quotaAt(t), approval,
                hold.share().ids().minus(delivered));
    }

    public ReservationVoidedEvent voidReservation(Instant t, VoidReservationRequest request) {
        Hold hold = open(request.reservationId(), t);
        close(hold, ReservationState.VOIDED, t, null, null);
        return new ReservationVoidedEvent(request, t, hold.share().ids(), quotaAt(t));
    }

    /** The expiry that recording it at {@code t} writes, or null if there is nothing to record. */
    public ReservationExpiredEvent expire(Instant t, String reservationId) {
        Hold hold = known(reservationId, t);
        if (hold == null || hold.closedAt() != null || t.isBefore(hold.expiresAt())) {
            return null;
        }
        close(hold, ReservationState.EXPIRED, hold.expiresAt(), null, null);
        return new ReservationExpiredEvent(reservationId, hold.expiresAt(), t, hold.share().ids());
    }

    public ReservationView reservation(Instant t, String reservationId) {
        Hold hold = known(reservationId, t);
        if (hold == null) {
            throw new ReservationNotFoundException(reservationId);
        }
        ReservationState state = hold.closedAs() != null ? hold.closedAs()
                : t.isBefore(hold.expiresAt()) ? ReservationState.OPEN : ReservationState.EXPIRED;
        Instant closedAt = state == ReservationState.OPEN ? null : hold.endsAt();
        return new ReservationView(reservationId, hold.share().requestId(), hold.share(), hold.reservedAt(),
                hold.expiresAt(), state, closedAt, hold.shareId(), hold.confirmedIds(), t);
    }

    /** Every reservation granted, open or not, oldest first. */
    public List<String> reservationIds() {
        return holds.stream().map(Hold::reservationId).toList();
    }

    /** The reservations that hold their IDs at {@code t}. */
    public List<String> openReservationIds(Instant t) {
        return holds.stream().filter(hold -> hold.holdsAt(t)).map(Hold::reservationId).toList();
    }

    /** The reservations still known at {@code t} that expired, neither confirmed nor voided, and not recorded so. */
    public List<String> expiredButOpenReservationIds(Instant t) {
        return holds.stream().filter(hold -> hold.closedAt() == null && !t.isBefore(hold.expiresAt())
                && known(hold.reservationId(), t) != null).map(Hold::reservationId).toList();
    }

    /** The earliest instant after {@code t} at which an open reservation expires, or null. */
    public Instant nextExpiryAfter(Instant t) {
        Instant next = null;
        for (Hold hold : holds) {
            if (hold.closedAt() == null && hold.expiresAt().isAfter(t)
                    && (next == null || hold.expiresAt().isBefore(next))) {
                next = hold.expiresAt();
            }
        }
        return next;
    }

    /** The counted IDs that reservations of standard shares hold at {@code t}. */
    public long heldAt(Instant t) {
        long held = 0;
        for (Hold hold : holds) {
            if (hold.holdsAt(t) && hold.share().basis().type() == BasisType.STANDARD) {
                held += counted(hold.share().ids());
            }
        }
        return held;
    }

    private long heldOf(AcademicApproval approval, Instant t, IdKind kind) {
        long held = 0;
        for (Hold hold : holds) {
            if (hold.holdsAt(t) && hold.share().basis().type() == BasisType.ACADEMIC_APPROVAL
                    && hold.share().basis().approvalId().equals(approval.approvalId())) {
                held += hold.share().ids().of(kind);
            }
        }
        return held;
    }

    /** A reservation is known until one window after it stopped holding, or would stop, its IDs. */
    private Hold known(String reservationId, Instant t) {
        for (Hold hold : holds) {
            if (hold.reservationId().equals(reservationId)) {
                if (hold.closedAs() == ReservationState.EXPIRED || hold.closedAt() == null) {
                    return hold.expiresAt().plus(window()).isAfter(t) ? hold : null;
                }
                return hold.closedAt().plus(window()).isAfter(t) ? hold : null;
            }
        }
        return null;
    }

    private Hold open(String reservationId, Instant t) {
        Hold hold = known(reservationId, t);
        if (hold == null) {
            throw new ReservationNotFoundException(reservationId);
        }
        if (hold.closedAs() != null) {
            throw new ReservationNotOpenException(reservationId, hold.closedAs(), hold.closedAt());
        }
        if (!t.isBefore(hold.expiresAt())) {
            throw new ReservationNotOpenException(reservationId, ReservationState.EXPIRED, hold.expiresAt());
        }
        return hold;
    }

    private void close(Hold hold, ReservationState as, Instant at, String shareId, IdCounts confirmedIds) {
        holds.set(holds.indexOf(hold), new Hold(hold.reservationId(), hold.share(), hold.reservedAt(),
                hold.expiresAt(), as, at, shareId, confirmedIds));
    }

    public void personJoined(Instant at, String personId) {
        memberships.add(new Membership(at, personId, true));
    }

    public void personLeft(Instant at, String personId) {
        memberships.add(new Membership(at, personId, false));
    }

    /** The persons whose latest membership event is a join. */
    public Set<String> persons() {
        Set<String> persons = new TreeSet<>();
        for (Membership membership : memberships) {
            if (membership.joined()) {
                persons.add(membership.personId());
            } else {
                persons.remove(membership.personId());
            }
        }
        return persons;
    }

    /** Whether the approval was recorded; false when one with its id exists already. */
    public boolean grantAcademicApproval(AcademicApproval approval) {
        if (approval(approval.approvalId()) != null) {
            return false;
        }
        return approvalsAsGranted.add(approval);
    }

    public boolean grantDsaAccess(DsaAccess access) {
        if (access(access.accessId()) != null) {
            return false;
        }
        return accessesAsGranted.add(access);
    }

    public boolean grantLimitPermission(LimitPermission permission) {
        if (permission(permission.permissionId()) != null) {
            return false;
        }
        return permissionsAsGranted.add(permission);
    }

    public Revocation revoke(ExemptionKind kind, String exemptionId, Instant at) {
        Validity validity = switch (kind) {
            case ACADEMIC_APPROVAL -> validity(approval(exemptionId), AcademicApproval::validity);
            case DSA_ARTICLE_40 -> validity(access(exemptionId), DsaAccess::validity);
            case LIMIT_PERMISSION -> validity(permission(exemptionId), LimitPermission::validity);
        };
        if (validity == null) {
            return Revocation.NOT_FOUND;
        }
        revocations.add(new Revoked(kind, exemptionId, at));
        return validity.revokedAt() == null ? Revocation.REVOKED : Revocation.ALREADY_REVOKED;
    }

    /** The approval as it stands: what was granted, less every draw on it, cut at its first revocation. */
    public AcademicApproval approval(String approvalId) {
        for (AcademicApproval granted : approvalsAsGranted) {
            if (granted.approvalId().equals(approvalId)) {
                long usedPostIds = 0;
                long usedUserIds = 0;
                for (Draw draw : draws) {
                    if (draw.approvalId().equals(approvalId)) {
                        usedPostIds += draw.postIds();
                        usedUserIds += draw.userIds();
                    }
                }
                return new AcademicApproval(approvalId, granted.institution(), granted.purpose(),
                        granted.approvedPostIds(), granted.approvedUserIds(), usedPostIds, usedUserIds,
                        cut(granted.validity(), ExemptionKind.ACADEMIC_APPROVAL, approvalId), granted.grant());
            }
        }
        return null;
    }

    public DsaAccess access(String accessId) {
        for (DsaAccess granted : accessesAsGranted) {
            if (granted.accessId().equals(accessId)) {
                return new DsaAccess(accessId, cut(granted.validity(), ExemptionKind.DSA_ARTICLE_40, accessId),
                        granted.grant());
            }
        }
        return null;
    }

    public LimitPermission permission(String permissionId) {
        for (LimitPermission granted : permissionsAsGranted) {
            if (granted.permissionId().equals(permissionId)) {
                return new LimitPermission(permissionId, granted.postIdLimit(),
                        cut(granted.validity(), ExemptionKind.LIMIT_PERMISSION, permissionId), granted.grant());
            }
        }
        return null;
    }

    /** Every exemption as it stands, each kind listed by id. */
    public Exemptions exemptions() {
        return new Exemptions(
                approvalsAsGranted.stream().map(granted -> approval(granted.approvalId()))
                        .sorted(Comparator.comparing(AcademicApproval::approvalId)).toList(),
                accessesAsGranted.stream().map(granted -> access(granted.accessId()))
                        .sorted(Comparator.comparing(DsaAccess::accessId)).toList(),
                permissionsAsGranted.stream().map(granted -> permission(granted.permissionId()))
                        .sorted(Comparator.comparing(LimitPermission::permissionId)).toList());
    }

    public Quota quotaAt(Instant t) {
        Limit limit = limitAt(t);
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
        long held = heldAt(t);
        return new Quota(limit.limit(), limit.source(), used, Math.max(0, limit.limit() - used - held), window(),
                t.minus(window()), t, nextReleaseAt, nextReleaseAmount, held);
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

    /** The policy's limit, unless a permission valid at {@code t} allows more; of equal ones, the lowest id. */
    private Limit limitAt(Instant t) {
        Limit best = new Limit(policy.rollingLimit(), Quota.DEFAULT_LIMIT_SOURCE);
        for (LimitPermission granted : permissionsAsGranted) {
            LimitPermission permission = permission(granted.permissionId());
            if (holdsAt(permission.validity(), t) && (permission.postIdLimit() > best.limit()
                    || permission.postIdLimit() == best.limit() && !best.source().equals(Quota.DEFAULT_LIMIT_SOURCE)
                    && permission.permissionId().compareTo(best.source()) < 0)) {
                best = new Limit(permission.postIdLimit(), permission.permissionId());
            }
        }
        return best;
    }

    /**
     * The first instant from {@code t} on at which {@code requested} more counted IDs fit under the limit in force at
     * that instant, granting nothing more and revoking nothing more; null if there is none. Only a share leaving the
     * window or a permission starting or ending changes whether it fits, so those instants are the candidates.
     */
    public Instant retryAt(Instant t, long requested) {
        TreeSet<Instant> candidates = new TreeSet<>();
        candidates.add(t);
        for (Grant grant : grants) {
            candidates.add(grant.at().plus(window()));
        }
        for (LimitPermission permission : permissionsAsGranted) {
            candidates.add(permission.validity().validFrom());
            candidates.add(permission.validity().validUntil());
        }
        for (Hold hold : holds) {
            candidates.add(hold.expiresAt());
        }
        for (Instant candidate : candidates.tailSet(t, true)) {
            if (usedAt(candidate) + heldAt(candidate) + requested <= limitAt(candidate).limit()) {
                return candidate;
            }
        }
        return null;
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

    private boolean personMayReceive(ShareRequest request) {
        return request.personId() == null || persons().contains(request.personId());
    }

    private Validity cut(Validity granted, ExemptionKind kind, String exemptionId) {
        for (Revoked revoked : revocations) {
            if (revoked.kind() == kind && revoked.exemptionId().equals(exemptionId)) {
                return new Validity(granted.validFrom(), granted.validUntil(), revoked.at());
            }
        }
        return granted;
    }

    /** [validFrom, validUntil), and before the revocation if there was one. */
    private static boolean holdsAt(Validity validity, Instant t) {
        return !t.isBefore(validity.validFrom()) && t.isBefore(validity.validUntil())
                && (validity.revokedAt() == null || t.isBefore(validity.revokedAt()));
    }

    private static <E> Validity validity(E exemption, Function<E, Validity> validity) {
        return exemption == null ? null : validity.apply(exemption);
    }

    private boolean inWindow(Grant grant, Instant t) {
        return grant.at().isAfter(t.minus(window())) && !grant.at().isAfter(t);
    }

    private Duration window() {
        return policy.rollingWindow();
    }
}

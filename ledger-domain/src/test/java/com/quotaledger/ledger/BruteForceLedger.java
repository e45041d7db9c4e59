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
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareRequest;
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
 * in force at t, what is left of an approval. Nothing is cached, expired or updated incrementally.
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

    private final RedistributionPolicy policy;
    private final List<Grant> grants = new ArrayList<>();
    private final List<Membership> memberships = new ArrayList<>();
    private final List<AcademicApproval> approvalsAsGranted = new ArrayList<>();
    private final List<DsaAccess> accessesAsGranted = new ArrayList<>();
    private final List<LimitPermission> permissionsAsGranted = new ArrayList<>();
    private final List<Revoked> revocations = new ArrayList<>();
    private final List<Draw> draws = new ArrayList<>();

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
        return switch (basis) {
            case STANDARD -> {
                grants.add(new Grant(t, request.ids()));
                yield new ShareGrantedEvent(request, shareId, t, quotaAt(t), null);
            }
            case ACADEMIC_APPROVAL -> {
                draws.add(new Draw(approval.approvalId(), request.ids().postIds(), request.ids().userIds()));
                yield new ShareGrantedEvent(request, shareId, t, before, approval(approval.approvalId()));
            }
            case DSA_ARTICLE_40 -> new ShareGrantedEvent(request, shareId, t, before, null);
        };
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
        if (ids.postIds() > approval.approvedPostIds() - approval.usedPostIds()
                || ids.userIds() > approval.approvedUserIds() - approval.usedUserIds()) {
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
        return new Quota(limit.limit(), limit.source(), used, Math.max(0, limit.limit() - used), window(),
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
        for (Instant candidate : candidates.tailSet(t, true)) {
            if (usedAt(candidate) + requested <= limitAt(candidate).limit()) {
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

package com.quotaledger.recipient;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.quotaledger.decision.DecisionChain;
import com.quotaledger.decision.DenialReason;
import com.quotaledger.decision.LedgerTime;
import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.AcademicApprovalGrantedEvent;
import com.quotaledger.exemption.api.DsaAccess;
import com.quotaledger.exemption.api.DsaAccessGrantedEvent;
import com.quotaledger.exemption.api.ExemptionAlreadyExistsException;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.exemption.api.ExemptionNotFoundException;
import com.quotaledger.exemption.api.ExemptionRevokedEvent;
import com.quotaledger.exemption.api.Exemptions;
import com.quotaledger.exemption.api.Grant;
import com.quotaledger.exemption.api.GrantAcademicApprovalCommand;
import com.quotaledger.exemption.api.GrantDsaAccessCommand;
import com.quotaledger.exemption.api.GrantLimitPermissionCommand;
import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.exemption.api.LimitPermissionGrantedEvent;
import com.quotaledger.exemption.api.RevokeExemptionCommand;
import com.quotaledger.exemption.api.Validity;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.recipient.api.BasisType;
import com.quotaledger.recipient.api.DescribeRecipientCommand;
import com.quotaledger.recipient.api.PersonJoinedRecipientEvent;
import com.quotaledger.recipient.api.PersonLeftRecipientEvent;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RecipientRegisteredEvent;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.recipient.api.TermsAcceptedEvent;
import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.OutdatedTerms;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsInForce;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One recipient entity: a company, institution or individual that receives datasets. Every share to it is decided
 * here, against the rolling window and the exemptions held in this aggregate, so decisions are strongly consistent:
 * the lock on the aggregate orders them, and the event store's unique sequence per aggregate rejects a decision taken
 * on stale state.
 * <p>
 * Its fields are its snapshot form: Jackson writes and reads them directly.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public class RecipientEntity {

    @AggregateIdentifier
    private String recipientId;
    private String name;
    private RecipientKind kind;
    private Instant registeredAt;
    private Map<TermsDocument, AcceptedTerms> acceptedTerms = new EnumMap<>(TermsDocument.class);
    /** The individuals associated with this entity now; what they receive counts against it. */
    private TreeSet<String> persons = new TreeSet<>();
    // Sorted by id, also when read back from a snapshot: the order settles ties between equal permissions.
    private TreeMap<String, AcademicApproval> academicApprovals = new TreeMap<>();
    private TreeMap<String, DsaAccess> dsaAccesses = new TreeMap<>();
    private TreeMap<String, LimitPermission> limitPermissions = new TreeMap<>();
    /** The ledger time of the latest event: decisions never take an earlier time, whatever the clock says. */
    private Instant lastEventAt;
    /** The hash of the latest decision, which the next one is chained to. */
    private String lastDecisionHash;
    private RollingWindow window = new RollingWindow();

    protected RecipientEntity() {
        // for Axon and Jackson
    }

    @CommandHandler
    public RecipientEntity(RegisterRecipientCommand command, Clock clock) {
        apply(new RecipientRegisteredEvent(command.recipientId(), command.name(), command.kind(),
                LedgerTime.now(clock)));
    }

    @CommandHandler
    public RecipientView handle(AcceptTermsCommand command, Clock clock, RedistributionPolicy policy) {
        Instant now = decisionTime(clock);
        apply(new TermsAcceptedEvent(recipientId, command.acceptedBy(), command.documents(), now));
        return viewAt(now, policy);
    }

    @CommandHandler
    public ShareDecision handle(ShareIdsCommand command, Clock clock, RedistributionPolicy policy,
                                TermsInForce terms) {
        Instant now = decisionTime(clock);
        ShareRequest request = command.request();
        ShareBasis basis = request.basis();
        long requestedIds = request.ids().sumOf(policy.countedIdKinds());
        Quota quota = quotaAt(now, policy);
        AcademicApproval approval = basis.approvalId() == null ? null : academicApprovals.get(basis.approvalId());
        Validity exemption = switch (basis.type()) {
            case STANDARD -> null;
            case ACADEMIC_APPROVAL -> approval == null ? null : approval.validity();
            case DSA_ARTICLE_40 -> Optional.ofNullable(dsaAccesses.get(basis.accessId()))
                    .map(DsaAccess::validity).orElse(null);
        };
        boolean personAffiliated = request.personId() == null || persons.contains(request.personId());
        List<OutdatedTerms> outdatedTerms = basis.type() == BasisType.DSA_ARTICLE_40
                ? List.of() : terms.versions().outdated(acceptedTerms, now);
        Instant fitsAt = basis.type() == BasisType.STANDARD ? earliestFit(now, requestedIds, policy) : null;
        Optional<DenialReason> denial = ShareRules.firstDenial(new ShareRules.ShareContext(basis.type(), now,
                hasAcceptedAllTerms(), outdatedTerms, personAffiliated, request.ids(), fitsAt, exemption != null,
                exemption != null && exemption.holdsAt(now), approval));

        if (denial.isPresent()) {
            DenialReason reason = denial.get();
            Instant retryAt = reason == DenialReason.ROLLING_LIMIT_EXCEEDED ? fitsAt : null;
            ShareDeniedEvent denied = new ShareDeniedEvent(request, reason, now, retryAt, quota, approval,
                    reason == DenialReason.TERMS_OUTDATED ? outdatedTerms : List.of());
            apply(denied, DecisionChain.link(lastDecisionHash, denied));
            return denied;
        }

        ShareGrantedEvent granted = switch (basis.type()) {
            case STANDARD -> new ShareGrantedEvent(request, command.shareId(), now,
                    quota.afterGranting(requestedIds,
                            window.releaseOf(now, quota.window(), policy.windowGranularity())), null);
            case ACADEMIC_APPROVAL -> new ShareGrantedEvent(request, command.shareId(), now, quota,
                    approval.afterUsing(request.ids().postIds(), request.ids().userIds()));
            case DSA_ARTICLE_40 -> new ShareGrantedEvent(request, command.shareId(), now, quota, null);
        };
        apply(granted, DecisionChain.link(lastDecisionHash, granted));
        requireQuotaAsRecorded(granted, policy);
        return granted;
    }

    @CommandHandler
    public RecipientView handle(DescribeRecipientCommand command, Clock clock, RedistributionPolicy policy) {
        return viewAt(decisionTime(clock), policy);
    }

    @CommandHandler
    public AcademicApproval handle(GrantAcademicApprovalCommand command, Clock clock) {
        requireNewExemption(academicApprovals, ExemptionKind.ACADEMIC_APPROVAL, command.approvalId());
        AcademicApproval approval = new AcademicApproval(command.approvalId(), command.institution(),
                command.purpose(), command.approvedPostIds(), command.approvedUserIds(), 0, 0,
                Validity.between(command.validFrom(), command.validUntil()),
                new Grant(command.writtenApprovalReference(), command.grantedBy(), decisionTime(clock)));
        apply(new AcademicApprovalGrantedEvent(recipientId, approval));
        return approval;
    }

    @CommandHandler
    public DsaAccess handle(GrantDsaAccessCommand command, Clock clock) {
        requireNewExemption(dsaAccesses, ExemptionKind.DSA_ARTICLE_40, command.accessId());
        DsaAccess access = new DsaAccess(command.accessId(),
                Validity.between(command.validFrom(), command.validUntil()),
                new Grant(command.reference(), command.grantedBy(), decisionTime(clock)));
        apply(new DsaAccessGrantedEvent(recipientId, access));
        return access;
    }

    @CommandHandler
    public LimitPermission handle(GrantLimitPermissionCommand command, Clock clock) {
        requireNewExemption(limitPermissions, ExemptionKind.LIMIT_PERMISSION, command.permissionId());
        LimitPermission permission = new LimitPermission(command.permissionId(), command.postIdLimit(),
                Validity.between(command.validFrom(), command.validUntil()),
                new Grant(command.writtenPermissionReference(), command.grantedBy(), decisionTime(clock)));
        apply(new LimitPermissionGrantedEvent(recipientId, permission));
        return permission;
    }

    @CommandHandler
    public void handle(RevokeExemptionCommand command, Clock clock) {
        Validity validity = switch (command.kind()) {
            case ACADEMIC_APPROVAL -> Optional.ofNullable(academicApprovals.get(command.exemptionId()))
                    .map(AcademicApproval::validity).orElse(null);
            case DSA_ARTICLE_40 -> Optional.ofNullable(dsaAccesses.get(command.exemptionId()))
                    .map(DsaAccess::validity).orElse(null);
            case LIMIT_PERMISSION -> Optional.ofNullable(limitPermissions.get(command.exemptionId()))
                    .map(LimitPermission::validity).orElse(null);
        };
        if (validity == null) {
            throw new ExemptionNotFoundException(command.kind(), command.exemptionId());
        }
        if (validity.revokedAt() == null) {
            apply(new ExemptionRevokedEvent(recipientId, command.kind(), command.exemptionId(),
                    decisionTime(clock)));
        }
    }

    /**
     * Records that a person joined this entity. Called in the same unit of work as the person's own side of the
     * affiliation, so both histories always agree.
     */
    public void admit(String personId, Clock clock) {
        if (!persons.contains(personId)) {
            apply(new PersonJoinedRecipientEvent(recipientId, personId, decisionTime(clock)));
        }
    }

    /** Records that a person left this entity; the counterpart of {@link #admit}. */
    public void release(String personId, Clock clock) {
        if (persons.contains(personId)) {
            apply(new PersonLeftRecipientEvent(recipientId, personId, decisionTime(clock)));
        }
    }

    /** The versions of the documents the entity accepted, by whom and when. */
    public Map<TermsDocument, AcceptedTerms> acceptedTerms() {
        return Map.copyOf(acceptedTerms);
    }

    /** Whether the entity has accepted all four documents that third parties must agree to. */
    private boolean hasAcceptedAllTerms() {
        return acceptedTerms.keySet().containsAll(TermsDocument.allRequired());
    }

    @EventSourcingHandler
    void on(RecipientRegisteredEvent event) {
        recipientId = event.recipientId();
        name = event.name();
        kind = event.kind();
        registeredAt = event.registeredAt();
        lastEventAt = event.registeredAt();
    }

    @EventSourcingHandler
    void on(TermsAcceptedEvent event) {
        event.documents().forEach((document, version) ->
                acceptedTerms.put(document, new AcceptedTerms(version, event.acceptedBy(), event.acceptedAt())));
        lastEventAt = event.acceptedAt();
    }

    @EventSourcingHandler
    void on(PersonJoinedRecipientEvent event) {
        persons.add(event.personId());
        lastEventAt = event.joinedAt();
    }

    @EventSourcingHandler
    void on(PersonLeftRecipientEvent event) {
        persons.remove(event.personId());
        lastEventAt = event.leftAt();
    }

    @EventSourcingHandler
    void on(AcademicApprovalGrantedEvent event) {
        academicApprovals.put(event.approval().approvalId(), event.approval());
        lastEventAt = event.approval().grant().grantedAt();
    }

    @EventSourcingHandler
    void on(DsaAccessGrantedEvent event) {
        dsaAccesses.put(event.access().accessId(), event.access());
        lastEventAt = event.access().grant().grantedAt();
    }

    @EventSourcingHandler
    void on(LimitPermissionGrantedEvent event) {
        limitPermissions.put(event.permission().permissionId(), event.permission());
        lastEventAt = event.permission().grant().grantedAt();
    }

    @EventSourcingHandler
    void on(ExemptionRevokedEvent event) {
        switch (event.kind()) {
            case ACADEMIC_APPROVAL -> academicApprovals.computeIfPresent(event.exemptionId(),
                    (id, approval) -> approval.revokedAt(event.revokedAt()));
            case DSA_ARTICLE_40 -> dsaAccesses.computeIfPresent(event.exemptionId(),
                    (id, access) -> access.revokedAt(event.revokedAt()));
            case LIMIT_PERMISSION -> limitPermissions.computeIfPresent(event.exemptionId(),
                    (id, permission) -> permission.revokedAt(event.revokedAt()));
        }
        lastEventAt = event.revokedAt();
    }

    /**
     * Takes the policy for its window granularity, which the event does not record: it is how this ledger keeps the
     * window, not part of the decision. Whatever the granularity, a share never leaves the window before one window
     * after its grant.
     */
    @EventSourcingHandler
    void on(ShareGrantedEvent event, @MetaDataValue(DecisionChain.HASH) String decisionHash,
            RedistributionPolicy policy) {
        window.expire(event.decidedAt(), event.quota().window());
        switch (event.request().basis().type()) {
            case STANDARD -> window.add(event.decidedAt(), event.request().ids(), policy.windowGranularity());
            case ACADEMIC_APPROVAL -> academicApprovals.put(event.approval().approvalId(), event.approval());
            case DSA_ARTICLE_40 -> {
                // recorded, and outside the limits
            }
        }
        lastEventAt = event.decidedAt();
        lastDecisionHash = decisionHash;
    }

    @EventSourcingHandler
    void on(ShareDeniedEvent event, @MetaDataValue(DecisionChain.HASH) String decisionHash) {
        window.expire(event.decidedAt(), event.quota().window());
        lastEventAt = event.decidedAt();
        lastDecisionHash = decisionHash;
    }

    /** The recipient as its events describe it at {@code now}, which must not be before its latest event. */
    public RecipientView viewAt(Instant now, RedistributionPolicy policy) {
        return new RecipientView(recipientId, name, kind, registeredAt, Map.copyOf(acceptedTerms),
                hasAcceptedAllTerms(), Set.copyOf(persons), now, quotaAt(now, policy),
                window.inWindow(now, policy.rollingWindow()),
                new Exemptions(List.copyOf(academicApprovals.values()), List.copyOf(dsaAccesses.values()),
                        List.copyOf(limitPermissions.values())));
    }

    /**
     * The rolling quota at {@code now}, against the limit in force then: the highest written permission valid at
     * {@code now}, never below the default. When a permission ends, the default applies again to the same window.
     */
    private Quota quotaAt(Instant now, RedistributionPolicy policy) {
        LimitInForce limit = limitAt(now, policy);
        return window.quota(now, policy.rollingWindow(), limit.limit(), limit.source(), policy.countedIdKinds());
    }

    private record LimitInForce(long limit, String source) {
    }

    /**
     * The first instant from {@code now} on at which a standard share of {@code requestedIds} counted IDs fits under
     * the limit in force then, as the window and the recorded permissions stand, granting nothing more meanwhile;
     * null if it never does. A share that counts nothing fits at once: it adds nothing to the window.
     */
    private Instant earliestFit(Instant now, long requestedIds, RedistributionPolicy policy) {
        if (requestedIds == 0) {
            return now;
        }
        return window.fitsAt(now, policy.rollingWindow(), policy.countedIdKinds(), requestedIds,
                instant -> limitAt(instant, policy).limit(), limitChangesAfter(now));
    }

    /** The highest written permission valid at {@code instant}, never below the default; ties go to the lower id. */
    private LimitInForce limitAt(Instant instant, RedistributionPolicy policy) {
        LimitInForce limit = new LimitInForce(policy.rollingLimit(), Quota.DEFAULT_LIMIT_SOURCE);
        for (LimitPermission permission : limitPermissions.values()) {
            if (permission.validity().holdsAt(instant) && permission.postIdLimit() > limit.limit()) {
                limit = new LimitInForce(permission.postIdLimit(), permission.permissionId());
            }
        }
        return limit;
    }

    /** The instants after {@code now} at which a written permission starts or ends, changing the limit. */
    private SortedSet<Instant> limitChangesAfter(Instant now) {
        SortedSet<Instant> changes = new TreeSet<>();
        for (LimitPermission permission : limitPermissions.values()) {
            Validity validity = permission.validity();
            for (Instant change : new Instant[]{validity.validFrom(), validity.validUntil(), validity.revokedAt()}) {
                if (change != null && change.isAfter(now)) {
                    changes.add(change);
                }
            }
        }
        return changes;
    }

    private static void requireNewExemption(Map<String, ?> exemptions, ExemptionKind kind, String exemptionId) {
        if (exemptions.containsKey(exemptionId)) {
            throw new ExemptionAlreadyExistsException(kind, exemptionId);
        }
    }

    private Instant decisionTime(Clock clock) {
        return LedgerTime.next(clock, lastEventAt);
    }

    /**
     * Always on: the quota a grant records must be the one the window holds once the grant is applied, and a grant
     * under the rolling limit that counts anything never leaves the window above it (one that counts nothing may be
     * granted while a lowered limit leaves the window above it, adding nothing).
     */
    private void requireQuotaAsRecorded(ShareGrantedEvent granted, RedistributionPolicy policy) {
        Quota held = quotaAt(granted.decidedAt(), policy);
        boolean counted = granted.request().basis().type() == BasisType.STANDARD
                && granted.request().ids().sumOf(policy.countedIdKinds()) > 0;
        if (!held.equals(granted.quota()) || (counted && held.used() > held.limit())) {
            throw new IllegalStateException("recipient " + recipientId + ": recorded quota " + granted.quota()
                    + " differs from the window's " + held);
        }
    }
}

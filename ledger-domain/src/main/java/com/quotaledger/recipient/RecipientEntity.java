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
import com.quotaledger.recipient.api.ConfirmReservationCommand;
import com.quotaledger.recipient.api.ConfirmReservationRequest;
import com.quotaledger.recipient.api.DescribeReservationCommand;
import com.quotaledger.recipient.api.ExceedsReservationException;
import com.quotaledger.recipient.api.ExpireReservationCommand;
import com.quotaledger.recipient.api.FindFitCommand;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.DescribeRecipientCommand;
import com.quotaledger.recipient.api.PersonJoinedRecipientEvent;
import com.quotaledger.recipient.api.PersonLeftRecipientEvent;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RecipientRegisteredEvent;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import com.quotaledger.recipient.api.Release;
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
import com.quotaledger.recipient.api.ReserveIdsCommand;
import com.quotaledger.recipient.api.ScheduledReleasesCommand;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareFit;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.recipient.api.TermsAcceptedEvent;
import com.quotaledger.recipient.api.VoidReservationCommand;
import com.quotaledger.recipient.api.VoidReservationRequest;
import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.OutdatedTerms;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsInForce;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
    /**
     * The reservations that hold IDs or may still be asked about, by id: open ones, and closed ones until one window
     * after they closed. An open one holds its IDs only before its {@code expiresAt}, whether or not its expiry was
     * recorded.
     */
    private TreeMap<String, Reservation> reservations = new TreeMap<>();

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
        Assessment assessment = assess(request, now, policy, terms);
        if (assessment.denial().isPresent()) {
            DenialReason reason = assessment.denial().get();
            ShareDeniedEvent denied = new ShareDeniedEvent(request, reason, now, assessment.retryAt(),
                    assessment.quota(), assessment.approval(), assessment.outdatedTermsOf(reason));
            apply(denied, DecisionChain.link(lastDecisionHash, denied));
            return denied;
        }
        ShareGrantedEvent granted = switch (request.basis().type()) {
            case STANDARD -> new ShareGrantedEvent(request, command.shareId(), now,
                    afterGranting(assessment.quota(), request.ids(), now, policy), null);
            case ACADEMIC_APPROVAL -> new ShareGrantedEvent(request, command.shareId(), now, assessment.quota(),
                    assessment.approval().afterUsing(request.ids().postIds(), request.ids().userIds()));
            case DSA_ARTICLE_40 -> new ShareGrantedEvent(request, command.shareId(), now, assessment.quota(), null);
        };
        apply(granted, DecisionChain.link(lastDecisionHash, granted));
        requireQuotaAsRecorded(granted.quota(), now, policy, counts(request, policy));
        return granted;
    }

    /**
     * Decides a reservation by the rules of the share it holds, with the IDs that open reservations hold counted as
     * in use: granted, its IDs are held until {@code expiresAt} in the rolling window (standard) or the approval's
     * budget (academic); a DSA Art. 40 reservation holds nothing, as its shares count against nothing.
     */
    @CommandHandler
    public ReservationDecision handle(ReserveIdsCommand command, Clock clock, RedistributionPolicy policy,
                                      TermsInForce terms) {
        Instant now = decisionTime(clock);
        ReservationRequest request = command.request();
        ShareRequest share = request.share();
        Assessment assessment = assess(share, now, policy, terms);
        if (assessment.denial().isPresent()) {
            DenialReason reason = assessment.denial().get();
            ReservationDeniedEvent denied = new ReservationDeniedEvent(request, reason, now, assessment.retryAt(),
                    assessment.quota(), assessment.approval(), assessment.outdatedTermsOf(reason));
            apply(denied, DecisionChain.link(lastDecisionHash, denied));
            return denied;
        }
        Quota quota = assessment.quota();
        if (counts(share, policy)) {
            quota = quota.reserving(Math.addExact(quota.reserved(), share.ids().sumOf(policy.countedIdKinds())));
        }
        ReservationGrantedEvent granted = new ReservationGrantedEvent(request, command.reservationId(), now,
                now.plus(request.holdFor()), quota, assessment.approval());
        apply(granted, DecisionChain.link(lastDecisionHash, granted));
        requireQuotaAsRecorded(granted.quota(), now, policy, counts(share, policy));
        return granted;
    }

    /**
     * Records the delivery of an open reservation as a share granted now, of at most what it holds of each kind:
     * the reservation held those IDs until now, so counting them in the window from now on adds nothing to what is
     * in use now. The rules were checked when it was reserved, and are not asked again.
     */
    @CommandHandler
    public ReservationConfirmedEvent handle(ConfirmReservationCommand command, Clock clock,
                                            RedistributionPolicy policy) {
        Instant now = decisionTime(clock);
        ConfirmReservationRequest request = command.request();
        Reservation reservation = openReservation(request.reservationId(), now, policy);
        ShareRequest reserved = reservation.share();
        IdCounts delivered = request.ids() == null ? reserved.ids() : request.ids();
        for (IdKind kind : IdKind.values()) {
            if (delivered.of(kind) > reserved.ids().of(kind)) {
                throw new ExceedsReservationException(reservation.reservationId(), reserved.ids(), delivered);
            }
        }
        ShareRequest share = new ShareRequest(request.requestId(), recipientId, reserved.personId(), delivered,
                reserved.basis(), reserved.purpose());
        Quota quota = quotaAt(now, policy);
        if (counts(reserved, policy)) {
            quota = afterGranting(quota.reserving(quota.reserved() - reserved.ids().sumOf(policy.countedIdKinds())),
                    delivered, now, policy);
        }
        AcademicApproval approval = reserved.basis().type() == BasisType.ACADEMIC_APPROVAL
                ? academicApprovals.get(reserved.basis().approvalId()).afterUsing(delivered.postIds(),
                delivered.userIds())
                : null;
        ReservationConfirmedEvent confirmed = new ReservationConfirmedEvent(request, share, command.shareId(), now,
                quota, approval, reserved.ids().minus(delivered));
        apply(confirmed, DecisionChain.link(lastDecisionHash, confirmed));
        // what it counts was in use already: a limit lowered since it was reserved may leave the window above it
        requireQuotaAsRecorded(confirmed.quota(), now, policy, false);
        return confirmed;
    }

    @CommandHandler
    public ReservationVoidedEvent handle(VoidReservationCommand command, Clock clock, RedistributionPolicy policy) {
        Instant now = decisionTime(clock);
        VoidReservationRequest request = command.request();
        Reservation reservation = openReservation(request.reservationId(), now, policy);
        Quota quota = quotaAt(now, policy);
        if (counts(reservation.share(), policy)) {
            quota = quota.reserving(quota.reserved() - reservation.share().ids().sumOf(policy.countedIdKinds()));
        }
        ReservationVoidedEvent voided = new ReservationVoidedEvent(request, now, reservation.share().ids(), quota);
        apply(voided, DecisionChain.link(lastDecisionHash, voided));
        requireQuotaAsRecorded(voided.quota(), now, policy, false);
        return voided;
    }

    /** Records the expiry of an open reservation whose {@code expiresAt} has passed; true if it did. */
    @CommandHandler
    public boolean handle(ExpireReservationCommand command, Clock clock, RedistributionPolicy policy) {
        Instant now = decisionTime(clock);
        Reservation reservation = knownReservation(command.reservationId(), now, policy);
        if (reservation == null || reservation.state() != ReservationState.OPEN
                || now.isBefore(reservation.expiresAt())) {
            return false;
        }
        apply(new ReservationExpiredEvent(reservation.reservationId(), reservation.expiresAt(), now,
                reservation.share().ids()));
        return true;
    }

    /** When a standard share of the counts asked for would be granted, by the rules a share is decided by. */
    @CommandHandler
    public ShareFit handle(FindFitCommand command, Clock clock, RedistributionPolicy policy, TermsInForce terms) {
        Instant now = decisionTime(clock);
        if (command.ids().isEmpty()) {
            return new ShareFit(now, now, null, quotaAt(now, policy));
        }
        Assessment assessment = assess(new ShareRequest("fit", recipientId, command.ids(), null), now, policy,
                terms);
        DenialReason reason = assessment.denial().orElse(null);
        Instant fitsAt = reason == null ? now : assessment.retryAt();
        return new ShareFit(now, fitsAt, reason, assessment.quota());
    }

    /**
     * The counted IDs in the window that leave it after now and by {@code until}, by instant, with their running sum.
     * Nothing else granted meanwhile, these are the instants at which capacity comes back.
     */
    @CommandHandler
    public List<Release> handle(ScheduledReleasesCommand command, Clock clock, RedistributionPolicy policy) {
        Instant now = decisionTime(clock);
        List<Release> releases = new ArrayList<>();
        long cumulative = 0;
        for (RollingWindow.Entry entry : window.entries()) {
            Instant leavesAt = entry.grantedAt().plus(policy.rollingWindow());
            long amount = entry.ids().sumOf(policy.countedIdKinds());
            if (amount > 0 && leavesAt.isAfter(now) && !leavesAt.isAfter(command.until())) {
                cumulative = Math.addExact(cumulative, amount);
                releases.add(new Release(leavesAt, amount, cumulative));
            }
        }
        return releases;
    }

    @CommandHandler
    public ReservationView handle(DescribeReservationCommand command, Clock clock, RedistributionPolicy policy) {
        Instant now = decisionTime(clock);
        Reservation reservation = knownReservation(command.reservationId(), now, policy);
        if (reservation == null) {
            throw new ReservationNotFoundException(command.reservationId());
        }
        return reservation.viewAt(now);
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
        forgetBefore(event.decidedAt(), event.quota().window());
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
        forgetBefore(event.decidedAt(), event.quota().window());
        lastEventAt = event.decidedAt();
        lastDecisionHash = decisionHash;
    }

    @EventSourcingHandler
    void on(ReservationGrantedEvent event, @MetaDataValue(DecisionChain.HASH) String decisionHash) {
        forgetBefore(event.decidedAt(), event.quota().window());
        reservations.put(event.reservationId(), new Reservation(event.reservationId(), event.request().share(),
                event.decidedAt(), event.expiresAt(), ReservationState.OPEN, null, null, null));
        lastEventAt = event.decidedAt();
        lastDecisionHash = decisionHash;
    }

    @EventSourcingHandler
    void on(ReservationDeniedEvent event, @MetaDataValue(DecisionChain.HASH) String decisionHash) {
        forgetBefore(event.decidedAt(), event.quota().window());
        lastEventAt = event.decidedAt();
        lastDecisionHash = decisionHash;
    }

    /** Takes the policy for its window granularity, as a share's grant does. */
    @EventSourcingHandler
    void on(ReservationConfirmedEvent event, @MetaDataValue(DecisionChain.HASH) String decisionHash,
            RedistributionPolicy policy) {
        forgetBefore(event.decidedAt(), event.quota().window());
        switch (event.share().basis().type()) {
            case STANDARD -> window.add(event.decidedAt(), event.share().ids(), policy.windowGranularity());
            case ACADEMIC_APPROVAL -> academicApprovals.put(event.approval().approvalId(), event.approval());
            case DSA_ARTICLE_40 -> {
                // recorded, and outside the limits
            }
        }
        reservations.computeIfPresent(event.reservationId(), (id, reservation) ->
                reservation.closed(ReservationState.CONFIRMED, event.decidedAt(), event.shareId(),
                        event.share().ids()));
        lastEventAt = event.decidedAt();
        lastDecisionHash = decisionHash;
    }

    @EventSourcingHandler
    void on(ReservationVoidedEvent event, @MetaDataValue(DecisionChain.HASH) String decisionHash) {
        forgetBefore(event.decidedAt(), event.quota().window());
        reservations.computeIfPresent(event.reservationId(), (id, reservation) ->
                reservation.closed(ReservationState.VOIDED, event.decidedAt(), null, null));
        lastEventAt = event.decidedAt();
        lastDecisionHash = decisionHash;
    }

    @EventSourcingHandler
    void on(ReservationExpiredEvent event) {
        reservations.computeIfPresent(event.reservationId(), (id, reservation) ->
                reservation.closed(ReservationState.EXPIRED, event.expiresAt(), null, null));
        lastEventAt = event.recordedAt();
    }

    /**
     * Forgets the shares that no longer count at {@code now}, and the reservations that closed (or expired) a window
     * or more before it: nothing about them can change, and the decision log keeps their story.
     */
    private void forgetBefore(Instant now, Duration rollingWindow) {
        window.expire(now, rollingWindow);
        Instant horizon = now.minus(rollingWindow);
        reservations.values().removeIf(reservation -> !reservation.endsAt().isAfter(horizon));
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
        Quota quota = window.quota(now, policy.rollingWindow(), limit.limit(), limit.source(),
                policy.countedIdKinds());
        long held = heldAt(now, policy);
        return held == 0 ? quota : quota.reserving(held);
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
        SortedSet<Instant> changes = limitChangesAfter(now);
        for (Reservation reservation : reservations.values()) {
            if (reservation.holdsAt(now)) {
                changes.add(reservation.expiresAt());
            }
        }
        // what open reservations hold is as good as used until they end, so it is taken off the limit meanwhile
        return window.fitsAt(now, policy.rollingWindow(), policy.countedIdKinds(), requestedIds,
                instant -> limitAt(instant, policy).limit() - heldAt(instant, policy), changes);
    }

    /** The counted IDs that open standard reservations hold at {@code instant}, not before the latest event. */
    private long heldAt(Instant instant, RedistributionPolicy policy) {
        long held = 0;
        for (Reservation reservation : reservations.values()) {
            if (reservation.holdsAt(instant) && reservation.share().basis().type() == BasisType.STANDARD) {
                held = Math.addExact(held, reservation.share().ids().sumOf(policy.countedIdKinds()));
            }
        }
        return held;
    }

    /** The approval as it stands, with what open reservations under it hold at {@code now} as if drawn. */
    private AcademicApproval availableOf(AcademicApproval approval, Instant now) {
        AcademicApproval available = approval;
        for (Reservation reservation : reservations.values()) {
            ShareBasis basis = reservation.share().basis();
            if (reservation.holdsAt(now) && basis.type() == BasisType.ACADEMIC_APPROVAL
                    && basis.approvalId().equals(approval.approvalId())) {
                available = available.afterUsing(reservation.share().ids().postIds(),
                        reservation.share().ids().userIds());
            }
        }
        return available;
    }

    /**
     * The reservation, if it is still known at {@code now}: open, or closed less than a window ago. Older ones are
     * unknown whether or not they were forgotten yet, so that what the ledger answers never depends on when it
     * forgets.
     */
    private Reservation knownReservation(String reservationId, Instant now, RedistributionPolicy policy) {
        Reservation reservation = reservations.get(reservationId);
        return reservation != null && reservation.endsAt().plus(policy.rollingWindow()).isAfter(now)
                ? reservation : null;
    }

    /** The reservation, if it still holds its IDs at {@code now}. */
    private Reservation openReservation(String reservationId, Instant now, RedistributionPolicy policy) {
        Reservation reservation = knownReservation(reservationId, now, policy);
        if (reservation == null) {
            throw new ReservationNotFoundException(reservationId);
        }
        ReservationView view = reservation.viewAt(now);
        if (view.state() != ReservationState.OPEN) {
            throw new ReservationNotOpenException(reservationId, view.state(), view.closedAt());
        }
        return reservation;
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
     * Always on: the quota a decision records must be the one the window and the open reservations hold once it is
     * applied, and one that adds counted IDs never leaves them above the limit (one that counts nothing may be
     * granted while a lowered limit leaves the window above it, adding nothing).
     */
    private void requireQuotaAsRecorded(Quota recorded, Instant at, RedistributionPolicy policy, boolean counted) {
        Quota held = quotaAt(at, policy);
        if (!held.equals(recorded) || (counted && held.used() + held.reserved() > held.limit())) {
            throw new IllegalStateException("recipient " + recipientId + ": recorded quota " + recorded
                    + " differs from the window's " + held);
        }
    }

    /** Whether a grant of {@code share} adds counted IDs to the rolling window or its holds. */
    private static boolean counts(ShareRequest share, RedistributionPolicy policy) {
        return share.basis().type() == BasisType.STANDARD && share.ids().sumOf(policy.countedIdKinds()) > 0;
    }

    private Quota afterGranting(Quota quota, IdCounts ids, Instant now, RedistributionPolicy policy) {
        return quota.afterGranting(ids.sumOf(policy.countedIdKinds()),
                window.releaseOf(now, quota.window(), policy.windowGranularity()));
    }

    /** What the rules found about a share (or the share a reservation holds) at one instant. */
    private record Assessment(Optional<DenialReason> denial, Quota quota, Instant retryAt,
                              AcademicApproval approval, List<OutdatedTerms> outdatedTerms) {

        List<OutdatedTerms> outdatedTermsOf(DenialReason reason) {
            return reason == DenialReason.TERMS_OUTDATED ? outdatedTerms : List.of();
        }
    }

    /**
     * Checks a share against every rule at {@code now}, with what open reservations hold as in use: the first
     * rule it fails, the quota before it, when it would fit (for a rolling-limit denial) and the approval it names.
     */
    private Assessment assess(ShareRequest request, Instant now, RedistributionPolicy policy, TermsInForce terms) {
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
                exemption != null && exemption.holdsAt(now), approval == null ? null : availableOf(approval, now)));
        Instant retryAt = denial.filter(reason -> reason == DenialReason.ROLLING_LIMIT_EXCEEDED).isPresent()
                ? fitsAt : null;
        return new Assessment(denial, quota, retryAt, approval, outdatedTerms);
    }

    /**
     * A reservation as its recipient keeps it. Open, it holds its IDs at every instant in
     * {@code [reservedAt, expiresAt)}; closed, it holds nothing from {@code closedAt} on.
     */
    private record Reservation(String reservationId, ShareRequest share, Instant reservedAt, Instant expiresAt,
                               ReservationState state, Instant closedAt, String shareId, IdCounts confirmedIds) {

        boolean holdsAt(Instant instant) {
            return state == ReservationState.OPEN && instant.isBefore(expiresAt);
        }

        /** When it stopped, or will stop, holding its IDs. */
        Instant endsAt() {
            return state == ReservationState.OPEN ? expiresAt : closedAt;
        }

        Reservation closed(ReservationState closedAs, Instant at, String confirmedShareId, IdCounts confirmed) {
            return new Reservation(reservationId, share, reservedAt, expiresAt, closedAs, at, confirmedShareId,
                    confirmed);
        }

        /** Expired at {@code expiresAt} when open then, whether or not its expiry was recorded. */
        ReservationView viewAt(Instant now) {
            boolean expired = state == ReservationState.OPEN && !now.isBefore(expiresAt);
            return new ReservationView(reservationId, share.requestId(), share, reservedAt, expiresAt,
                    expired ? ReservationState.EXPIRED : state, expired ? expiresAt : closedAt, shareId,
                    confirmedIds, now);
        }
    }
}

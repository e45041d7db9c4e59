package com.quotaledger.recipient;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.recipient.api.AcceptedTerms;
import com.quotaledger.recipient.api.DenialReason;
import com.quotaledger.recipient.api.DescribeRecipientCommand;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RecipientRegisteredEvent;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.recipient.api.TermsAcceptedEvent;
import com.quotaledger.recipient.api.TermsDocument;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One recipient entity: a company, institution or individual that receives datasets. Every share to it is decided
 * here, against the rolling window held in this aggregate, so decisions are strongly consistent: the lock on the
 * aggregate orders them, and the event store's unique sequence per aggregate rejects a decision taken on stale state.
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
    /** The ledger time of the latest event: decisions never take an earlier time, whatever the clock says. */
    private Instant lastEventAt;
    private RollingWindow window = new RollingWindow();

    protected RecipientEntity() {
        // for Axon and Jackson
    }

    @CommandHandler
    public RecipientEntity(RegisterRecipientCommand command, Clock clock) {
        apply(new RecipientRegisteredEvent(command.recipientId(), command.name(), command.kind(),
                truncatedNow(clock)));
    }

    @CommandHandler
    public RecipientView handle(AcceptTermsCommand command, Clock clock, RedistributionPolicy policy) {
        Instant now = decisionTime(clock);
        apply(new TermsAcceptedEvent(recipientId, command.acceptedBy(), command.documents(), now));
        return viewAt(now, policy);
    }

    @CommandHandler
    public ShareDecision handle(ShareIdsCommand command, Clock clock, RedistributionPolicy policy) {
        Instant now = decisionTime(clock);
        ShareRequest request = command.request();
        long requestedIds = request.ids().sumOf(policy.countedIdKinds());
        Quota quota = quotaAt(now, policy);
        Optional<DenialReason> denial = ShareRules.firstDenial(
                new ShareRules.ShareContext(termsAccepted(), requestedIds, quota));

        if (denial.isPresent()) {
            DenialReason reason = denial.get();
            Instant retryAt = reason == DenialReason.ROLLING_LIMIT_EXCEEDED
                    ? window.fitsAt(now, quota.window(), quota.limit(), policy.countedIdKinds(), requestedIds)
                    : null;
            ShareDeniedEvent denied = new ShareDeniedEvent(request, reason, now, retryAt, quota);
            apply(denied);
            return denied;
        }

        ShareGrantedEvent granted = new ShareGrantedEvent(request, command.shareId(), now,
                quota.afterGranting(requestedIds));
        apply(granted);
        requireQuotaAsRecorded(granted, policy);
        return granted;
    }

    @CommandHandler
    public RecipientView handle(DescribeRecipientCommand command, Clock clock, RedistributionPolicy policy) {
        return viewAt(decisionTime(clock), policy);
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
    void on(ShareGrantedEvent event) {
        window.expire(event.decidedAt(), event.quota().window());
        window.add(event.decidedAt(), event.request().ids());
        lastEventAt = event.decidedAt();
    }

    @EventSourcingHandler
    void on(ShareDeniedEvent event) {
        window.expire(event.decidedAt(), event.quota().window());
        lastEventAt = event.decidedAt();
    }

    private RecipientView viewAt(Instant now, RedistributionPolicy policy) {
        return new RecipientView(recipientId, name, kind, registeredAt, Map.copyOf(acceptedTerms), termsAccepted(),
                now, quotaAt(now, policy), window.inWindow(now, policy.rollingWindow()));
    }

    private boolean termsAccepted() {
        return acceptedTerms.keySet().containsAll(TermsDocument.allRequired());
    }

    private Quota quotaAt(Instant now, RedistributionPolicy policy) {
        return window.quota(now, policy.rollingWindow(), policy.rollingLimit(), policy.countedIdKinds());
    }

    /** The ledger's time for the next event: the clock, unless it reads earlier than what already happened. */
    private Instant decisionTime(Clock clock) {
        Instant now = truncatedNow(clock);
        return lastEventAt != null && now.isBefore(lastEventAt) ? lastEventAt : now;
    }

    private static Instant truncatedNow(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Always on: the quota a grant records must be the one the window holds once the grant is applied. */
    private void requireQuotaAsRecorded(ShareGrantedEvent granted, RedistributionPolicy policy) {
        Quota held = quotaAt(granted.decidedAt(), policy);
        if (!held.equals(granted.quota()) || held.used() > held.limit()) {
            throw new IllegalStateException("recipient " + recipientId + ": recorded quota " + granted.quota()
                    + " differs from the window's " + held);
        }
    }
}

package com.quotaledger.person;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.quotaledger.decision.DecisionChain;
import com.quotaledger.decision.DenialReason;
import com.quotaledger.decision.LedgerTime;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.person.api.AcceptPersonTermsCommand;
import com.quotaledger.person.api.AffiliationEndedEvent;
import com.quotaledger.person.api.AffiliationNotFoundException;
import com.quotaledger.person.api.DailyObjects;
import com.quotaledger.person.api.DescribePersonCommand;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.person.api.ObjectExportRequest;
import com.quotaledger.person.api.PersonAffiliatedElsewhereException;
import com.quotaledger.person.api.PersonAffiliatedEvent;
import com.quotaledger.person.api.PersonAlreadyExistsException;
import com.quotaledger.person.api.PersonRegisteredEvent;
import com.quotaledger.person.api.PersonTermsAcceptedEvent;
import com.quotaledger.person.api.PersonView;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.OutdatedTerms;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsVersions;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An individual who uses our service. The daily allowance of full objects belongs to the person, not to the
 * affiliation: leaving one entity and joining another on the same day does not renew it. Every export to the person
 * is decided here, under this aggregate's lock, so no interleaving of exports can exceed the day's limit.
 * <p>
 * Its fields are its snapshot form: Jackson writes and reads them directly.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public class Person {

    @AggregateIdentifier
    private String aggregateId;
    private String personId;
    /** The entity the person is affiliated with now, or null. */
    private String recipientId;
    private Map<TermsDocument, AcceptedTerms> acceptedTerms = new EnumMap<>(TermsDocument.class);
    /** The calendar day of the latest granted export, and how many objects the person received that day. */
    private LocalDate objectsDay;
    private long objectsThatDay;
    private Instant lastEventAt;
    /** The hash of the latest decision, which the next one is chained to. */
    private String lastDecisionHash;

    public Person() {
        // a person comes into being when registered on their own or first affiliated; Axon and Jackson build it empty
    }

    /** Makes the person known on their own, without an entity; a person already known is refused. */
    public void register(String personId, Clock clock) {
        if (this.personId != null) {
            throw new PersonAlreadyExistsException(personId);
        }
        apply(new PersonRegisteredEvent(personId, decisionTime(clock)));
    }

    /**
     * Affiliates the person with a recipient entity, unless it is already affiliated with another. Returns whether
     * anything changed (affiliating again with the same entity changes nothing).
     */
    public boolean affiliateWith(String personId, String recipientId, Clock clock) {
        if (recipientId.equals(this.recipientId)) {
            return false;
        }
        if (this.recipientId != null) {
            throw new PersonAffiliatedElsewhereException(personId, this.recipientId);
        }
        apply(new PersonAffiliatedEvent(personId, recipientId, decisionTime(clock)));
        return true;
    }

    public void endAffiliationWith(String recipientId, Clock clock) {
        if (!recipientId.equals(this.recipientId)) {
            throw new AffiliationNotFoundException(personId, recipientId);
        }
        apply(new AffiliationEndedEvent(personId, recipientId, decisionTime(clock)));
    }

    /** The entity the person is affiliated with now, or null. */
    public String recipientId() {
        return recipientId;
    }

    @CommandHandler
    public PersonView handle(AcceptPersonTermsCommand command, Clock clock, ObjectExportPolicy policy) {
        Instant now = decisionTime(clock);
        apply(new PersonTermsAcceptedEvent(personId, command.acceptedBy(), command.documents(), now));
        return viewAt(now, policy);
    }

    @CommandHandler
    public PersonView handle(DescribePersonCommand command, Clock clock, ObjectExportPolicy policy) {
        return viewAt(decisionTime(clock), policy);
    }

    /**
     * Decides an export of full objects to this person. {@code entityTerms} are the terms the person's entity has
     * accepted (none without an entity), read in the same unit of work, while this person is locked.
     */
    public ObjectExportDecision decideExport(ExportObjectsCommand command,
                                             Map<TermsDocument, AcceptedTerms> entityTerms, TermsVersions terms,
                                             Clock clock, ObjectExportPolicy policy) {
        Instant now = decisionTime(clock);
        ObjectExportRequest request = command.request();
        DailyObjects today = objectsOn(now, policy);
        boolean personAccepted = hasAcceptedAllTerms();
        boolean entityAccepted = entityTerms.keySet().containsAll(TermsDocument.allRequired());
        List<OutdatedTerms> personOutdated = terms.outdated(acceptedTerms, now);
        List<OutdatedTerms> entityOutdated = terms.outdated(entityTerms, now);
        boolean current = (personAccepted && personOutdated.isEmpty()) || (entityAccepted && entityOutdated.isEmpty());
        List<OutdatedTerms> outdated = current ? List.of() : personAccepted ? personOutdated : entityOutdated;
        Optional<DenialReason> denial = ObjectExportRules.firstDenial(new ObjectExportRules.ExportContext(
                request.channel(), Boolean.TRUE.equals(request.publicObjectsOnly()),
                personAccepted || entityAccepted, outdated, request.objectCount(), today));
        ObjectExportDecision decision = denial
                .<ObjectExportDecision>map(reason -> new ObjectExportDeniedEvent(request, recipientId, reason, now,
                        reason == DenialReason.DAILY_OBJECT_LIMIT_EXCEEDED ? today.resetsAt() : null, today,
                        reason == DenialReason.TERMS_OUTDATED ? outdated : List.of()))
                .orElseGet(() -> new ObjectExportGrantedEvent(request, command.exportId(), recipientId, now,
                        today.afterExporting(request.objectCount())));
        apply(decision, DecisionChain.link(lastDecisionHash, decision));
        return decision;
    }

    @EventSourcingHandler
    void on(PersonRegisteredEvent event) {
        aggregateId = PersonIds.aggregateId(event.personId());
        personId = event.personId();
        lastEventAt = event.registeredAt();
    }

    @EventSourcingHandler
    void on(PersonAffiliatedEvent event) {
        aggregateId = PersonIds.aggregateId(event.personId());
        personId = event.personId();
        recipientId = event.recipientId();
        lastEventAt = event.affiliatedAt();
    }

    @EventSourcingHandler
    void on(AffiliationEndedEvent event) {
        recipientId = null;
        lastEventAt = event.endedAt();
    }

    @EventSourcingHandler
    void on(PersonTermsAcceptedEvent event) {
        event.documents().forEach((document, version) ->
                acceptedTerms.put(document, new AcceptedTerms(version, event.acceptedBy(), event.acceptedAt())));
        lastEventAt = event.acceptedAt();
    }

    @EventSourcingHandler
    void on(ObjectExportGrantedEvent event, @MetaDataValue(DecisionChain.HASH) String decisionHash) {
        objectsDay = event.objects().day();
        objectsThatDay = event.objects().used();
        lastEventAt = event.decidedAt();
        lastDecisionHash = decisionHash;
    }

    @EventSourcingHandler
    void on(ObjectExportDeniedEvent event, @MetaDataValue(DecisionChain.HASH) String decisionHash) {
        lastEventAt = event.decidedAt();
        lastDecisionHash = decisionHash;
    }

    private PersonView viewAt(Instant now, ObjectExportPolicy policy) {
        return new PersonView(personId, recipientId, Map.copyOf(acceptedTerms), hasAcceptedAllTerms(), now,
                objectsOn(now, policy));
    }

    private boolean hasAcceptedAllTerms() {
        return acceptedTerms.keySet().containsAll(TermsDocument.allRequired());
    }

    /** The person's allowance on the calendar day that contains {@code now}. */
    private DailyObjects objectsOn(Instant now, ObjectExportPolicy policy) {
        LocalDate day = now.atZone(policy.dayZone()).toLocalDate();
        long used = day.equals(objectsDay) ? objectsThatDay : 0;
        Instant resetsAt = day.plusDays(1).atStartOfDay(policy.dayZone()).toInstant();
        return new DailyObjects(policy.dailyObjectLimit(), used, Math.max(0, policy.dailyObjectLimit() - used), day,
                resetsAt);
    }

    private Instant decisionTime(Clock clock) {
        return LedgerTime.next(clock, lastEventAt);
    }
}

package com.quotaledger.ledger;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.person.api.DailyObjects;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.person.api.ObjectExportRequest;
import com.quotaledger.person.api.PersonView;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.OutdatedTerms;
import com.quotaledger.terms.api.TermsDocument;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The rules for persons computed the slow and obvious way, to compare the ledger against. It keeps every person's raw
 * history (affiliations, accepted documents, granted exports) and works each figure out afresh from it: the entity a
 * person is with, the terms it accepted, the objects it received on a calendar day of the policy's zone.
 */
public final class BruteForcePersons {

    /** What an affiliation request does. */
    public enum Affiliation {
        AFFILIATED, UNCHANGED, AFFILIATED_ELSEWHERE
    }

    private record Membership(Instant at, String personId, String recipientId, boolean joined) {
    }

    private record Accepted(Instant at, String personId, String acceptedBy, Map<TermsDocument, String> documents) {
    }

    private record Export(Instant at, String personId, long objects) {
    }

    private final ObjectExportPolicy policy;
    private final List<Membership> memberships = new ArrayList<>();
    private final List<Accepted> acceptances = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<String> registered = new ArrayList<>();

    public BruteForcePersons(ObjectExportPolicy policy) {
        this.policy = policy;
    }

    /** A person exists from its registration on its own or its first affiliation on, whichever came first. */
    public boolean exists(String personId) {
        return registered.contains(personId)
                || memberships.stream().anyMatch(membership -> membership.personId().equals(personId));
    }

    /** Registers the person on its own; false, changing nothing, if it exists already. */
    public boolean register(String personId) {
        return !exists(personId) && registered.add(personId);
    }

    /** The entity of the person's latest membership event, if that event is a join; else null. */
    public String entityOf(String personId) {
        String entity = null;
        for (Membership membership : memberships) {
            if (membership.personId().equals(personId)) {
                entity = membership.joined() ? membership.recipientId() : null;
            }
        }
        return entity;
    }

    /** What affiliating would do, without doing it. */
    public Affiliation affiliation(String personId, String recipientId) {
        String entity = entityOf(personId);
        if (entity == null) {
            return Affiliation.AFFILIATED;
        }
        return entity.equals(recipientId) ? Affiliation.UNCHANGED : Affiliation.AFFILIATED_ELSEWHERE;
    }

    public void affiliated(Instant at, String personId, String recipientId) {
        memberships.add(new Membership(at, personId, recipientId, true));
    }

    public void left(Instant at, String personId, String recipientId) {
        memberships.add(new Membership(at, personId, recipientId, false));
    }

    public void accepted(Instant at, String personId, String acceptedBy, Map<TermsDocument, String> documents) {
        acceptances.add(new Accepted(at, personId, acceptedBy, Map.copyOf(documents)));
    }

    /** Every document the person accepted, in its latest version. */
    public Map<TermsDocument, AcceptedTerms> acceptedTerms(String personId) {
        Map<TermsDocument, AcceptedTerms> accepted = new EnumMap<>(TermsDocument.class);
        for (Accepted acceptance : acceptances) {
            if (acceptance.personId().equals(personId)) {
                acceptance.documents().forEach((document, version) ->
                        accepted.put(document, new AcceptedTerms(version, acceptance.acceptedBy(), acceptance.at())));
            }
        }
        return accepted;
    }

    public boolean termsAccepted(String personId) {
        return acceptedTerms(personId).size() == TermsDocument.values().length;
    }

    /** The person's objects on the calendar day, in the policy's zone, that holds {@code t}. */
    public DailyObjects objectsOn(String personId, Instant t) {
        LocalDate day = t.atZone(policy.dayZone()).toLocalDate();
        long used = 0;
        for (Export export : exports) {
            if (export.personId().equals(personId) && export.at().atZone(policy.dayZone()).toLocalDate().equals(day)) {
                used += export.objects();
            }
        }
        long limit = policy.dailyObjectLimit();
        return new DailyObjects(limit, used, Math.max(0, limit - used), day,
                day.plusDays(1).atStartOfDay(policy.dayZone()).toInstant());
    }

    /**
     * Decides an export at {@code t} and keeps it if granted. The rules, in order: manual download, public objects
     * only, the person's terms or those of the entity it is with now (if any), accepted and then up to date (either
     * acceptance will do; a denial names the person's outdated documents if the person accepted all four, else the
     * entity's), the size of the request, what is left of the day.
     */
    public ObjectExportDecision decide(Instant t, ExportObjectsCommand command,
                                       Map<TermsDocument, AcceptedTerms> entityTerms, BruteForceTerms terms) {
        boolean personAccepted = termsAccepted(personIdOf(command));
        boolean entityAccepted = entityTerms.size() == TermsDocument.values().length;
        List<OutdatedTerms> personOutdated = terms.outdated(acceptedTerms(personIdOf(command)), t);
        List<OutdatedTerms> entityOutdated = terms.outdated(entityTerms, t);
        List<OutdatedTerms> outdated = (personAccepted && personOutdated.isEmpty())
                || (entityAccepted && entityOutdated.isEmpty())
                ? List.of() : personAccepted ? personOutdated : entityOutdated;
        ObjectExportRequest request = command.request();
        String personId = request.personId();
        String entity = entityOf(personId);
        DailyObjects today = objectsOn(personId, t);
        long requested = request.postObjectCount() + request.userObjectCount();
        DenialReason reason = null;
        if (request.channel() != ExportChannel.MANUAL_DOWNLOAD) {
            reason = DenialReason.AUTOMATED_OBJECT_DELIVERY_FORBIDDEN;
        } else if (!Boolean.TRUE.equals(request.publicObjectsOnly())) {
            reason = DenialReason.NON_PUBLIC_OBJECTS_FORBIDDEN;
        } else if (!personAccepted && !entityAccepted) {
            reason = DenialReason.TERMS_NOT_ACCEPTED;
        } else if (!outdated.isEmpty()) {
            reason = DenialReason.TERMS_OUTDATED;
        } else if (requested > policy.dailyObjectLimit()) {
            reason = DenialReason.REQUEST_EXCEEDS_LIMIT;
        } else if (today.used() + requested > policy.dailyObjectLimit()) {
            reason = DenialReason.DAILY_OBJECT_LIMIT_EXCEEDED;
        }
        if (reason != null) {
            Instant retryAt = reason == DenialReason.DAILY_OBJECT_LIMIT_EXCEEDED ? today.resetsAt() : null;
            return new ObjectExportDeniedEvent(request, entity, reason, t, retryAt, today,
                    reason == DenialReason.TERMS_OUTDATED ? outdated : List.of());
        }
        exports.add(new Export(t, personId, requested));
        return new ObjectExportGrantedEvent(request, command.exportId(), entity, t, objectsOn(personId, t));
    }

    private static String personIdOf(ExportObjectsCommand command) {
        return command.request().personId();
    }

    public PersonView view(String personId, Instant t) {
        return new PersonView(personId, entityOf(personId), acceptedTerms(personId), termsAccepted(personId), t,
                objectsOn(personId, t));
    }
}

package com.quotaledger.person;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.decision.Rule;
import com.quotaledger.person.api.DailyObjects;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.terms.api.OutdatedTerms;

import java.util.List;
import java.util.Optional;

import static com.quotaledger.decision.Rule.require;

/** The rules an export of full objects to a person must pass, in the order they are checked. */
final class ObjectExportRules {

    /**
     * {@code termsAccepted}: the person or their entity now accepted all four documents; {@code outdatedTerms}: empty
     * if either acceptance is in the versions in force, else the outdated documents of the person's acceptance (or
     * of the entity's, if only the entity accepted all four).
     */
    record ExportContext(ExportChannel channel,
                         boolean publicObjectsOnly,
                         boolean termsAccepted,
                         List<OutdatedTerms> outdatedTerms,
                         long requestedObjects,
                         DailyObjects today) {
    }

    private ObjectExportRules() {
    }

    static List<Rule<ExportContext>> allCurrentRules() {
        return List.of(manualDownloadOnly(), publicObjectsOnly(), termsAccepted(), termsCurrent(),
                requestWithinDailyLimit(), fitsToday());
    }

    static Optional<DenialReason> firstDenial(ExportContext export) {
        return Rule.firstDenial(allCurrentRules(), export);
    }

    /** Full objects only by non-automated means: a person downloading a spreadsheet or PDF. */
    static Rule<ExportContext> manualDownloadOnly() {
        return require(export -> export.channel() == ExportChannel.MANUAL_DOWNLOAD,
                DenialReason.AUTOMATED_OBJECT_DELIVERY_FORBIDDEN);
    }

    /** The daily allowance is for public Post and User objects, and the exporter must say that they are. */
    static Rule<ExportContext> publicObjectsOnly() {
        return require(ExportContext::publicObjectsOnly, DenialReason.NON_PUBLIC_OBJECTS_FORBIDDEN);
    }

    /**
     * The person, or the entity the person is with now, must have accepted all four documents. A person without an
     * entity may receive objects too: the allowance is for each person who uses the service.
     */
    static Rule<ExportContext> termsAccepted() {
        return require(ExportContext::termsAccepted, DenialReason.TERMS_NOT_ACCEPTED);
    }

    /**
     * Accepted in the versions in force, or later ones, by the person or by their entity now: either acceptance
     * suffices, as either acceptance of all four does.
     */
    static Rule<ExportContext> termsCurrent() {
        return require(export -> export.outdatedTerms().isEmpty(), DenialReason.TERMS_OUTDATED);
    }

    /** More objects in one request than a day allows could never be granted. */
    static Rule<ExportContext> requestWithinDailyLimit() {
        return require(export -> export.requestedObjects() <= export.today().limit(),
                DenialReason.REQUEST_EXCEEDS_LIMIT);
    }

    /** Post and User objects together, at most the daily limit per person per calendar day. */
    static Rule<ExportContext> fitsToday() {
        return require(export -> Math.addExact(export.today().used(), export.requestedObjects())
                <= export.today().limit(), DenialReason.DAILY_OBJECT_LIMIT_EXCEEDED);
    }
}

package com.quotaledger.person;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.person.api.AcceptPersonTermsCommand;
import com.quotaledger.person.api.AffiliatePersonCommand;
import com.quotaledger.person.api.AffiliationEndedEvent;
import com.quotaledger.person.api.DailyObjects;
import com.quotaledger.person.api.DescribePersonCommand;
import com.quotaledger.person.api.EndAffiliationCommand;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.person.api.ExportFormat;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.person.api.ObjectExportRequest;
import com.quotaledger.person.api.PersonAffiliatedEvent;
import com.quotaledger.person.api.PersonTermsAcceptedEvent;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.recipient.api.DescribeRecipientCommand;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import com.quotaledger.terms.api.TermsDocument;
import org.axonframework.test.aggregate.AggregateTestFixture;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One person, the two entities it may belong to, and the commands and events its tests talk about, with every detail
 * that does not matter fixed. Days are UTC days under the default policy unless a test says otherwise.
 */
final class PersonExamples {

    static final String PERSON_ID = "ada@acme.example";
    static final String OTHER_PERSON_ID = "grace@acme.example";
    static final String PERSON_AGGREGATE_ID = PersonIds.aggregateId(PERSON_ID);
    static final String RECIPIENT_ID = "acme-research";
    static final String OTHER_RECIPIENT_ID = "globex-labs";
    static final String ACCEPTED_BY = "ada@acme.example";
    static final String TERMS_VERSION = "2024-11";
    static final long DAILY_LIMIT = ObjectExportPolicy.DEFAULT_DAILY_OBJECT_LIMIT;

    /** The start of the examples, 09:00 UTC on 1 March 2025. */
    static final Instant START = Instant.parse("2025-03-01T09:00:00Z");
    static final LocalDate DAY = LocalDate.parse("2025-03-01");

    private static final AtomicInteger EXPORTS = new AtomicInteger();

    private PersonExamples() {
    }

    static AggregateTestFixture<Person> personFixture(Clock clock) {
        AggregateTestFixture<Person> fixture = new AggregateTestFixture<>(Person.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(ObjectExportPolicy.defaults());
        return fixture;
    }

    static RegisterRecipientCommand register(String recipientId) {
        return new RegisterRecipientCommand(recipientId, "Entity " + recipientId, RecipientKind.COMPANY);
    }

    static AcceptTermsCommand entityAccepts(String recipientId, TermsDocument... documents) {
        return new AcceptTermsCommand(recipientId, "legal@" + recipientId + ".example", versions(documents));
    }

    static AcceptPersonTermsCommand personAccepts(TermsDocument... documents) {
        return new AcceptPersonTermsCommand(PERSON_ID, ACCEPTED_BY, versions(documents));
    }

    static AffiliatePersonCommand affiliate(String recipientId) {
        return new AffiliatePersonCommand(PERSON_ID, recipientId);
    }

    static EndAffiliationCommand endAffiliation(String recipientId) {
        return new EndAffiliationCommand(PERSON_ID, recipientId);
    }

    static DescribePersonCommand describePerson() {
        return new DescribePersonCommand(PERSON_ID);
    }

    static DescribeRecipientCommand describeRecipient(String recipientId) {
        return new DescribeRecipientCommand(recipientId);
    }

    /** A manual download of Post and User objects to {@link #PERSON_ID}, under a request id of its own. */
    static ExportObjectsCommand export(long postObjects, long userObjects) {
        return export(PERSON_ID, postObjects, userObjects, ExportChannel.MANUAL_DOWNLOAD);
    }

    static ExportObjectsCommand export(String personId, long postObjects, long userObjects, ExportChannel channel) {
        int number = EXPORTS.incrementAndGet();
        return new ExportObjectsCommand(new ObjectExportRequest("export-request-" + number, personId, postObjects,
                userObjects, channel, ExportFormat.CSV, true), "export-" + number);
    }

    /** The allowance of {@link #PERSON_ID} on a UTC day under the default policy. */
    static DailyObjects objectsOn(LocalDate day, long used) {
        return new DailyObjects(DAILY_LIMIT, used, Math.max(0, DAILY_LIMIT - used), day,
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    static ObjectExportGrantedEvent granted(ExportObjectsCommand export, String recipientId, Instant at,
                                            DailyObjects after) {
        return new ObjectExportGrantedEvent(export.request(), export.exportId(), recipientId, at, after);
    }

    static ObjectExportDeniedEvent denied(ExportObjectsCommand export, String recipientId, DenialReason reason,
                                          Instant at, DailyObjects unchanged) {
        Instant retryAt = reason == DenialReason.DAILY_OBJECT_LIMIT_EXCEEDED ? unchanged.resetsAt() : null;
        return new ObjectExportDeniedEvent(export.request(), recipientId, reason, at, retryAt, unchanged);
    }

    static PersonAffiliatedEvent affiliated(String recipientId, Instant at) {
        return new PersonAffiliatedEvent(PERSON_ID, recipientId, at);
    }

    static AffiliationEndedEvent affiliationEnded(String recipientId, Instant at) {
        return new AffiliationEndedEvent(PERSON_ID, recipientId, at);
    }

    static PersonTermsAcceptedEvent personAccepted(Instant at, TermsDocument... documents) {
        return new PersonTermsAcceptedEvent(PERSON_ID, ACCEPTED_BY, versions(documents), at);
    }

    static Map<TermsDocument, String> versions(TermsDocument... documents) {
        Map<TermsDocument, String> versions = new EnumMap<>(TermsDocument.class);
        Arrays.stream(documents).forEach(document -> versions.put(document, TERMS_VERSION));
        return versions;
    }
}

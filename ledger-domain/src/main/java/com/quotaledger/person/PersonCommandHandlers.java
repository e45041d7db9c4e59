package com.quotaledger.person;

import com.quotaledger.ids.PersonIds;
import com.quotaledger.person.api.AffiliatePersonCommand;
import com.quotaledger.person.api.EndAffiliationCommand;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.person.api.RegisterPersonCommand;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.recipient.RecipientEntity;
import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsInForce;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;

import java.time.Clock;
import java.util.Map;

/**
 * The commands that make a person known, and those that span a person and an entity. Each runs in one unit of work, in one transaction: both sides of
 * an affiliation are written together, and an export reads the entity's terms while the person is locked.
 * Aggregates are always locked person first, then entity, so two of these can never wait on each other.
 */
public class PersonCommandHandlers {

    private final Repository<Person> persons;
    private final Repository<RecipientEntity> recipients;
    private final Clock clock;
    private final ObjectExportPolicy policy;
    private final TermsInForce terms;

    public PersonCommandHandlers(Repository<Person> persons, Repository<RecipientEntity> recipients, Clock clock,
                                 ObjectExportPolicy policy, TermsInForce terms) {
        this.persons = persons;
        this.recipients = recipients;
        this.clock = clock;
        this.policy = policy;
        this.terms = terms;
    }

    @CommandHandler
    public void handle(RegisterPersonCommand command) throws Exception {
        persons.loadOrCreate(PersonIds.aggregateId(command.personId()), Person::new)
                .execute(person -> person.register(command.personId(), clock));
    }

    @CommandHandler
    public void handle(AffiliatePersonCommand command) throws Exception {
        Aggregate<Person> person = persons.loadOrCreate(PersonIds.aggregateId(command.personId()), Person::new);
        Aggregate<RecipientEntity> recipient = recipients.load(command.recipientId());
        if (person.invoke(p -> p.affiliateWith(command.personId(), command.recipientId(), clock))) {
            recipient.execute(r -> r.admit(command.personId(), clock));
        }
    }

    @CommandHandler
    public void handle(EndAffiliationCommand command) {
        Aggregate<Person> person = persons.load(PersonIds.aggregateId(command.personId()));
        person.execute(p -> p.endAffiliationWith(command.recipientId(), clock));
        recipients.load(command.recipientId()).execute(r -> r.release(command.personId(), clock));
    }

    @CommandHandler
    public ObjectExportDecision handle(ExportObjectsCommand command) {
        Aggregate<Person> person = persons.load(PersonIds.aggregateId(command.request().personId()));
        String recipientId = person.invoke(Person::recipientId);
        Map<TermsDocument, AcceptedTerms> entityTerms = recipientId == null
                ? Map.of() : recipients.load(recipientId).invoke(RecipientEntity::acceptedTerms);
        return person.invoke(p -> p.decideExport(command, entityTerms, terms.versions(), clock, policy));
    }
}

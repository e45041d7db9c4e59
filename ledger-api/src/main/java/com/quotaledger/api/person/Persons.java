package com.quotaledger.api.person;

import com.quotaledger.api.commands.LedgerCommands;
import com.quotaledger.api.security.PersonAffiliations;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.ProblemReason;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.person.api.AffiliatePersonCommand;
import com.quotaledger.person.api.DescribePersonCommand;
import com.quotaledger.person.api.EndAffiliationCommand;
import com.quotaledger.person.api.PersonView;
import com.quotaledger.person.api.RegisterPersonCommand;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Service;

import java.util.Optional;

/** Sends person commands and turns Axon's answers into the API's. */
@Service
public class Persons implements PersonAffiliations {

    private final LedgerCommands commands;

    Persons(LedgerCommands commands) {
        this.commands = commands;
    }

    /** A person comes into being registered on their own, without an entity. */
    PersonView register(RegisterPersonCommand command) {
        commands.send(command);
        return describe(command.personId());
    }

    /** A person comes into being with its first affiliation, unless registered before; the recipient must exist. */
    PersonView affiliate(AffiliatePersonCommand command) {
        try {
            commands.send(command);
        } catch (AggregateNotFoundException unknownRecipient) {
            throw ApiProblem.recipientNotFound(command.recipientId());
        }
        return describe(command.personId());
    }

    void endAffiliation(EndAffiliationCommand command) {
        send(command.personId(), command);
    }

    PersonView describe(String personId) {
        try {
            return commands.ask(new DescribePersonCommand(personId));
        } catch (AggregateNotFoundException unknown) {
            throw personNotFound(personId);
        }
    }

    @Override
    public Optional<String> recipientOf(String personId) {
        if (!PersonIds.isValid(personId)) {
            throw personNotFound(personId);
        }
        return Optional.ofNullable(describe(personId).recipientId());
    }

    /** Sends a command to an existing person: an unknown person is a 404. */
    public <R> R send(String personId, Object command) {
        try {
            return commands.send(command);
        } catch (AggregateNotFoundException unknown) {
            throw personNotFound(personId);
        }
    }

    public static ApiProblem personNotFound(String personId) {
        return new ApiProblem(ProblemReason.PERSON_NOT_FOUND,
                "No person '" + personId + "' is known: a person becomes known when registered "
                        + "(POST /api/v1/persons) or first affiliated with a recipient.").with("personId", personId);
    }
}

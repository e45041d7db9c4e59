package com.quotaledger.api.recipient;

import com.quotaledger.api.commands.LedgerCommands;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.ProblemReason;
import com.quotaledger.ids.RecipientIds;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.recipient.api.DescribeRecipientCommand;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.stereotype.Service;

/** Sends recipient commands and turns Axon's answers into the API's. */
@Service
public class Recipients {

    private final LedgerCommands commands;

    Recipients(LedgerCommands commands) {
        this.commands = commands;
    }

    RecipientView register(RegisterRecipientCommand command) {
        try {
            commands.send(command);
        } catch (AggregateStreamCreationException alreadyRegistered) {
            throw new ApiProblem(ProblemReason.RECIPIENT_ALREADY_EXISTS,
                    "A recipient entity is already registered as '" + command.recipientId() + "'.")
                    .with("recipientId", command.recipientId());
        }
        return describe(command.recipientId());
    }

    RecipientView acceptTerms(AcceptTermsCommand command) {
        return commands.sendToRecipient(command.recipientId(), command);
    }

    /** An id that cannot be a recipient's names no recipient. */
    static void requireValidId(String recipientId) {
        if (!RecipientIds.isValid(recipientId)) {
            throw ApiProblem.recipientNotFound(recipientId);
        }
    }

    public RecipientView describe(String recipientId) {
        return ask(recipientId, new DescribeRecipientCommand(recipientId));
    }

    /** Asks the recipient something that changes nothing; an unknown recipient is a 404. */
    <R> R ask(String recipientId, Object query) {
        try {
            return commands.ask(query);
        } catch (AggregateNotFoundException unknown) {
            throw ApiProblem.recipientNotFound(recipientId);
        }
    }
}

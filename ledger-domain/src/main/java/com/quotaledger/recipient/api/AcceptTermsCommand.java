package com.quotaledger.recipient.api;

import com.quotaledger.ids.RecipientIds;
import com.quotaledger.terms.api.TermsDocument;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;
import java.util.Objects;

/** Records that the recipient accepted the given versions of some (or all) of the required documents. */
public record AcceptTermsCommand(@TargetAggregateIdentifier String recipientId,
                                 String acceptedBy,
                                 Map<TermsDocument, String> documents) {

    public AcceptTermsCommand {
        RecipientIds.requireValid(recipientId);
        Objects.requireNonNull(acceptedBy, "acceptedBy");
        if (documents == null || documents.isEmpty()) {
            throw new IllegalArgumentException("at least one document must be accepted");
        }
        documents = Map.copyOf(documents);
    }
}

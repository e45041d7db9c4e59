package com.quotaledger.person.api;

import com.quotaledger.ids.PersonIds;
import com.quotaledger.terms.api.TermsDocument;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Map;
import java.util.Objects;

public record AcceptPersonTermsCommand(String personId, String acceptedBy, Map<TermsDocument, String> documents) {

    public AcceptPersonTermsCommand {
        PersonIds.requireValid(personId);
        Objects.requireNonNull(acceptedBy, "acceptedBy");
        if (documents == null || documents.isEmpty()) {
            throw new IllegalArgumentException("at least one document must be accepted");
        }
        documents = Map.copyOf(documents);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return PersonIds.aggregateId(personId);
    }
}

package com.quotaledger.recipient.api;

import com.quotaledger.ids.RecipientIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

public record RegisterRecipientCommand(@TargetAggregateIdentifier String recipientId, String name, RecipientKind kind) {

    public RegisterRecipientCommand {
        RecipientIds.requireValid(recipientId);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
    }
}

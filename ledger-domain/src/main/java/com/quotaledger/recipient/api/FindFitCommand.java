package com.quotaledger.recipient.api;

import com.quotaledger.ids.RecipientIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Asks when a standard share of {@code ids} to the recipient would be granted, as things stand: the computation a
 * share's decision makes, recording nothing.
 */
public record FindFitCommand(@TargetAggregateIdentifier String recipientId, IdCounts ids) {

    public FindFitCommand {
        RecipientIds.requireValid(recipientId);
        Objects.requireNonNull(ids, "ids");
    }
}

package com.quotaledger.recipient.api;

import com.quotaledger.ids.RecipientIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/** Asks when the counted IDs in the recipient's window leave it, up to {@code until}; applies no event. */
public record ScheduledReleasesCommand(@TargetAggregateIdentifier String recipientId, Instant until) {

    public ScheduledReleasesCommand {
        RecipientIds.requireValid(recipientId);
        Objects.requireNonNull(until, "until");
    }
}

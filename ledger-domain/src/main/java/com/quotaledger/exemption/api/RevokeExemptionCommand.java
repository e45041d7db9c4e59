package com.quotaledger.exemption.api;

import com.quotaledger.ids.RecipientIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Ends an exemption from now on; what was granted under it stays granted. Revoking twice changes nothing. */
public record RevokeExemptionCommand(@TargetAggregateIdentifier String recipientId, ExemptionKind kind,
                                     String exemptionId) {

    public RevokeExemptionCommand {
        RecipientIds.requireValid(recipientId);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(exemptionId, "exemptionId");
    }
}

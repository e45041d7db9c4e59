package com.quotaledger.exemption.api;

import com.quotaledger.ids.ExemptionIds;
import com.quotaledger.ids.RecipientIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record GrantDsaAccessCommand(@TargetAggregateIdentifier String recipientId,
                                    String accessId,
                                    String reference,
                                    Instant validFrom,
                                    Instant validUntil,
                                    String grantedBy) {

    public GrantDsaAccessCommand {
        RecipientIds.requireValid(recipientId);
        ExemptionIds.requireValid(accessId, "accessId");
        Validity.between(validFrom, validUntil);
        Grant.requireText(reference, "reference");
        Grant.requireText(grantedBy, "grantedBy");
    }
}

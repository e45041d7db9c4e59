package com.quotaledger.exemption.api;

import com.quotaledger.ids.ExemptionIds;
import com.quotaledger.ids.RecipientIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record GrantLimitPermissionCommand(@TargetAggregateIdentifier String recipientId,
                                          String permissionId,
                                          long postIdLimit,
                                          Instant validFrom,
                                          Instant validUntil,
                                          String writtenPermissionReference,
                                          String grantedBy) {

    public GrantLimitPermissionCommand {
        RecipientIds.requireValid(recipientId);
        ExemptionIds.requireValid(permissionId, "permissionId");
        if (postIdLimit <= 0) {
            throw new IllegalArgumentException("postIdLimit must be positive");
        }
        Validity.between(validFrom, validUntil);
        Grant.requireText(writtenPermissionReference, "writtenPermissionReference");
        Grant.requireText(grantedBy, "grantedBy");
    }
}

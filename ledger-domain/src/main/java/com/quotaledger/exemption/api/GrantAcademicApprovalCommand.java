package com.quotaledger.exemption.api;

import com.quotaledger.ids.ExemptionIds;
import com.quotaledger.ids.RecipientIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

public record GrantAcademicApprovalCommand(@TargetAggregateIdentifier String recipientId,
                                           String approvalId,
                                           String institution,
                                           ResearchPurpose purpose,
                                           long approvedPostIds,
                                           long approvedUserIds,
                                           Instant validFrom,
                                           Instant validUntil,
                                           String writtenApprovalReference,
                                           String grantedBy) {

    public GrantAcademicApprovalCommand {
        RecipientIds.requireValid(recipientId);
        ExemptionIds.requireValid(approvalId, "approvalId");
        Grant.requireText(institution, "institution");
        Objects.requireNonNull(purpose, "purpose");
        if (approvedPostIds < 0 || approvedUserIds < 0 || approvedPostIds + approvedUserIds == 0) {
            throw new IllegalArgumentException("an approval covers some Post or User IDs and no negative amount");
        }
        Validity.between(validFrom, validUntil);
        Grant.requireText(writtenApprovalReference, "writtenApprovalReference");
        Grant.requireText(grantedBy, "grantedBy");
    }
}

package com.quotaledger.api.share;

import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.Text;
import com.quotaledger.decision.RequestIds;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.ids.RecipientIds;
import com.quotaledger.recipient.api.BasisType;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * A share request: counts of IDs only. There is no field for content, and every count must be given, so a
 * misspelt or forgotten count is a 400 rather than a silent zero.
 */
public record ShareIdsBody(@NotNull @Pattern(regexp = RequestIds.PATTERN) String requestId,
                           @NotNull @Pattern(regexp = RecipientIds.PATTERN) String recipientId,
                           @Pattern(regexp = PersonIds.PATTERN) String personId,
                           @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long postIdCount,
                           @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long userIdCount,
                           @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long directMessageIdCount,
                           @Valid BasisBody basis,
                           @Size(max = 1000) @Pattern(regexp = Text.PRINTABLE) String purpose) {

    public ShareRequest toRequest() {
        IdCounts ids = new IdCounts(postIdCount, userIdCount, directMessageIdCount);
        if (ids.isEmpty()) {
            throw ApiProblem.invalidField("postIdCount",
                    "A share names at least one ID: postIdCount, userIdCount or directMessageIdCount must be above zero.");
        }
        return new ShareRequest(requestId, recipientId, personId, ids,
                basis == null ? ShareBasis.STANDARD : basis.toBasis(), purpose);
    }

    /** {@code {"type":"STANDARD"}}, {@code {"type":"ACADEMIC_APPROVAL","approvalId":…}} or {@code {"type":"DSA_ARTICLE_40","accessId":…}}. */
    public record BasisBody(@NotNull BasisType type, @Size(max = 64) String approvalId, @Size(max = 64) String accessId) {

        ShareBasis toBasis() {
            try {
                return new ShareBasis(type, approvalId, accessId);
            } catch (IllegalArgumentException invalid) {
                throw ApiProblem.invalidField("basis", switch (type) {
                    case STANDARD -> "A STANDARD basis names no approvalId or accessId.";
                    case ACADEMIC_APPROVAL -> "An ACADEMIC_APPROVAL basis names a valid approvalId and no accessId.";
                    case DSA_ARTICLE_40 -> "A DSA_ARTICLE_40 basis names a valid accessId and no approvalId.";
                });
            }
        }
    }
}

package com.quotaledger.api.reservation;

import com.quotaledger.api.share.ShareIdsBody;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.Text;
import com.quotaledger.decision.RequestIds;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.ids.RecipientIds;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.ReservationRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

import java.time.Duration;

/** A reservation request: the body of the share it holds, and for how long to hold it. */
public record ReserveIdsBody(@NotNull @Pattern(regexp = RequestIds.PATTERN) String requestId,
                             @NotNull @Pattern(regexp = RecipientIds.PATTERN) String recipientId,
                             @Pattern(regexp = PersonIds.PATTERN) String personId,
                             @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long postIdCount,
                             @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long userIdCount,
                             @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long directMessageIdCount,
                             @Valid ShareIdsBody.BasisBody basis,
                             @Size(max = 1000) @Pattern(regexp = Text.PRINTABLE) String purpose,
                             @Schema(type = "string", example = "PT30M",
                                     description = "How long to hold the IDs, as an ISO-8601 duration: above zero, "
                                             + "at most the configured maximum (24 hours unless configured)")
                             @NotNull Duration holdFor) {

    /** The request, with {@code holdFor} within (0, {@code maxHold}]. */
    public ReservationRequest toRequest(Duration maxHold) {
        if (holdFor.isNegative() || holdFor.isZero() || holdFor.compareTo(maxHold) > 0) {
            throw ApiProblem.invalidField("holdFor",
                    "holdFor must be above zero and at most " + maxHold + ", not " + holdFor + ".");
        }
        ShareIdsBody share = new ShareIdsBody(requestId, recipientId, personId, postIdCount, userIdCount,
                directMessageIdCount, basis, purpose);
        return new ReservationRequest(share.toRequest(), holdFor);
    }
}

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
import java.time.format.DateTimeParseException;

/** A reservation request: the body of the share it holds, and for how long to hold it. */
public record ReserveIdsBody(@NotNull @Pattern(regexp = RequestIds.PATTERN) String requestId,
                             @NotNull @Pattern(regexp = RecipientIds.PATTERN) String recipientId,
                             @Pattern(regexp = PersonIds.PATTERN) String personId,
                             @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long postIdCount,
                             @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long userIdCount,
                             @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long directMessageIdCount,
                             @Valid ShareIdsBody.BasisBody basis,
                             @Size(max = 1000) @Pattern(regexp = Text.PRINTABLE) String purpose,
                             @Schema(example = "PT30M",
                                     description = "How long to hold the IDs, as an ISO-8601 duration: above zero, "
                                             + "at most the configured maximum (24 hours unless configured)")
                             @NotNull @Size(max = 64) String holdFor) {

    /**
     * The request, with {@code holdFor} within (0, {@code maxHold}]. It is read here, as text: Jackson would also take
     * a bare number as seconds, which a client meaning minutes would never notice.
     */
    public ReservationRequest toRequest(Duration maxHold) {
        Duration hold;
        try {
            hold = Duration.parse(holdFor);
        } catch (DateTimeParseException unreadable) {
            throw ApiProblem.invalidField("holdFor", "holdFor must be an ISO-8601 duration such as PT30M.");
        }
        if (hold.isNegative() || hold.isZero() || hold.compareTo(maxHold) > 0) {
            throw ApiProblem.invalidField("holdFor",
                    "holdFor must be above zero and at most " + maxHold + ", not " + hold + ".");
        }
        ShareIdsBody share = new ShareIdsBody(requestId, recipientId, personId, postIdCount, userIdCount,
                directMessageIdCount, basis, purpose);
        return new ReservationRequest(share.toRequest(), hold);
    }
}

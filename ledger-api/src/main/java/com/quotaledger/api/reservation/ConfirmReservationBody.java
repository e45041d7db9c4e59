package com.quotaledger.api.reservation;

import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.decision.RequestIds;
import com.quotaledger.recipient.api.ConfirmReservationRequest;
import com.quotaledger.recipient.api.IdCounts;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * What was delivered of a reservation: all three counts, at most what it holds of each kind, or none of them for
 * everything it holds.
 */
@Schema(description = "Give all three counts, or none to confirm everything the reservation holds")
public record ConfirmReservationBody(@NotNull @Pattern(regexp = RequestIds.PATTERN) String requestId,
                                     @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long postIdCount,
                                     @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long userIdCount,
                                     @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long directMessageIdCount) {

    ConfirmReservationRequest toRequest(String reservationId) {
        IdCounts ids = null;
        if (postIdCount != null || userIdCount != null || directMessageIdCount != null) {
            if (postIdCount == null || userIdCount == null || directMessageIdCount == null) {
                throw ApiProblem.invalidField(postIdCount == null ? "postIdCount"
                                : userIdCount == null ? "userIdCount" : "directMessageIdCount",
                        "Give postIdCount, userIdCount and directMessageIdCount, or none of them to confirm "
                                + "everything the reservation holds.");
            }
            ids = new IdCounts(postIdCount, userIdCount, directMessageIdCount);
            if (ids.isEmpty()) {
                throw ApiProblem.invalidField("postIdCount", "A confirmation delivers at least one ID; void a "
                        + "reservation that delivered none.");
            }
        }
        return new ConfirmReservationRequest(requestId, reservationId, ids);
    }
}

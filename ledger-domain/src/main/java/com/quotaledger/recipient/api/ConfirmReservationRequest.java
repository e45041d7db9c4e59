package com.quotaledger.recipient.api;

import com.quotaledger.decision.Fingerprint;
import com.quotaledger.decision.RequestIds;
import com.quotaledger.ids.ReservationIds;

/**
 * Confirms what was delivered of a reservation: {@code ids}, at most what it holds of each kind, or everything it
 * holds when {@code ids} is null.
 */
public record ConfirmReservationRequest(String requestId, String reservationId, IdCounts ids) {

    public ConfirmReservationRequest {
        RequestIds.requireValid(requestId);
        ReservationIds.requireValid(reservationId);
        if (ids != null && ids.isEmpty()) {
            throw new IllegalArgumentException("a confirmation delivers at least one ID; void a reservation that "
                    + "delivered none");
        }
    }

    public String recipientId() {
        return ReservationIds.recipientOf(reservationId);
    }

    /** Equal for two requests exactly when everything but the requestId is equal. */
    public String contentFingerprint() {
        return Fingerprint.of("confirmation", reservationId, ids == null ? null : ids.postIds(),
                ids == null ? null : ids.userIds(), ids == null ? null : ids.directMessageIds());
    }
}

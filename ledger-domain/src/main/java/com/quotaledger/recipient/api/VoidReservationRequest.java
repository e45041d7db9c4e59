package com.quotaledger.recipient.api;

import com.quotaledger.decision.Fingerprint;
import com.quotaledger.decision.RequestIds;
import com.quotaledger.ids.ReservationIds;

/** Releases a reservation whose dataset will not be delivered. */
public record VoidReservationRequest(String requestId, String reservationId) {

    public VoidReservationRequest {
        RequestIds.requireValid(requestId);
        ReservationIds.requireValid(reservationId);
    }

    public String recipientId() {
        return ReservationIds.recipientOf(reservationId);
    }

    /** Equal for two requests exactly when everything but the requestId is equal. */
    public String contentFingerprint() {
        return Fingerprint.of("void", reservationId);
    }
}

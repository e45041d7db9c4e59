package com.quotaledger.api.reservation;

import com.quotaledger.decision.RequestIds;
import com.quotaledger.recipient.api.VoidReservationRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

public record VoidReservationBody(@NotNull @Pattern(regexp = RequestIds.PATTERN) String requestId) {

    VoidReservationRequest toRequest(String reservationId) {
        return new VoidReservationRequest(requestId, reservationId);
    }
}

package com.quotaledger.recipient.api;

import com.quotaledger.ids.ReservationIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Asks the recipient's ledger to decide a reservation; {@code reservationId} names it if it is granted. */
public record ReserveIdsCommand(ReservationRequest request, String reservationId) {

    public ReserveIdsCommand {
        Objects.requireNonNull(request, "request");
        if (!ReservationIds.recipientOf(reservationId).equals(request.recipientId())) {
            throw new IllegalArgumentException("reservation " + reservationId + " does not name recipient "
                    + request.recipientId());
        }
    }

    @TargetAggregateIdentifier
    public String recipientId() {
        return request.recipientId();
    }
}

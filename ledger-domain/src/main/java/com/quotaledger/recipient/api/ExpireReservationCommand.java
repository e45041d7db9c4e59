package com.quotaledger.recipient.api;

import com.quotaledger.ids.ReservationIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a reservation expired, if it did and nothing recorded so yet. Expiry itself needs no command: an open
 * reservation stops counting at its {@code expiresAt} whatever runs; this only writes it into the history.
 */
public record ExpireReservationCommand(String reservationId) {

    public ExpireReservationCommand {
        ReservationIds.requireValid(reservationId);
    }

    @TargetAggregateIdentifier
    public String recipientId() {
        return ReservationIds.recipientOf(reservationId);
    }
}

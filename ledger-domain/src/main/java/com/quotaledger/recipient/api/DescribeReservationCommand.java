package com.quotaledger.recipient.api;

import com.quotaledger.ids.ReservationIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks for a reservation as its recipient's history shows it now; applies no event. */
public record DescribeReservationCommand(String reservationId) {

    public DescribeReservationCommand {
        ReservationIds.requireValid(reservationId);
    }

    @TargetAggregateIdentifier
    public String recipientId() {
        return ReservationIds.recipientOf(reservationId);
    }
}

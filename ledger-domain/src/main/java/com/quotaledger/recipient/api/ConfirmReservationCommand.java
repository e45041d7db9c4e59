package com.quotaledger.recipient.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/** Asks the recipient's ledger to record a reservation's delivery as a share named {@code shareId}. */
public record ConfirmReservationCommand(ConfirmReservationRequest request, String shareId) {

    public ConfirmReservationCommand {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(shareId, "shareId");
    }

    @TargetAggregateIdentifier
    public String recipientId() {
        return request.recipientId();
    }
}

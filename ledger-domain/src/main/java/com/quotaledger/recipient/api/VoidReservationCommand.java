package com.quotaledger.recipient.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

public record VoidReservationCommand(VoidReservationRequest request) {

    public VoidReservationCommand {
        Objects.requireNonNull(request, "request");
    }

    @TargetAggregateIdentifier
    public String recipientId() {
        return request.recipientId();
    }
}

package com.quotaledger.recipient.api;

import java.time.Instant;

/** A confirmation or void of a reservation that no longer holds anything: confirmed, voided or expired. */
public class ReservationNotOpenException extends RuntimeException {

    private final String reservationId;
    private final ReservationState state;
    private final Instant closedAt;

    public ReservationNotOpenException(String reservationId, ReservationState state, Instant closedAt) {
        super("reservation " + reservationId + " is " + state + " since " + closedAt, null, false, false);
        this.reservationId = reservationId;
        this.state = state;
        this.closedAt = closedAt;
    }

    public String reservationId() {
        return reservationId;
    }

    public ReservationState state() {
        return state;
    }

    public Instant closedAt() {
        return closedAt;
    }
}

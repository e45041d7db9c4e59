package com.quotaledger.recipient.api;

/** No reservation has the id, or it closed more than a window ago and its recipient has forgotten it. */
public class ReservationNotFoundException extends RuntimeException {

    private final String reservationId;

    public ReservationNotFoundException(String reservationId) {
        super("no reservation " + reservationId, null, false, false);
        this.reservationId = reservationId;
    }

    public String reservationId() {
        return reservationId;
    }
}

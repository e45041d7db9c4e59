package com.quotaledger.recipient.api;

/** A confirmation of more IDs of some kind than the reservation holds. */
public class ExceedsReservationException extends RuntimeException {

    private final String reservationId;
    private final IdCounts reserved;
    private final IdCounts confirmed;

    public ExceedsReservationException(String reservationId, IdCounts reserved, IdCounts confirmed) {
        super("reservation " + reservationId + " holds " + reserved + ", not " + confirmed, null, false, false);
        this.reservationId = reservationId;
        this.reserved = reserved;
        this.confirmed = confirmed;
    }

    public String reservationId() {
        return reservationId;
    }

    public IdCounts reserved() {
        return reserved;
    }

    public IdCounts confirmed() {
        return confirmed;
    }
}

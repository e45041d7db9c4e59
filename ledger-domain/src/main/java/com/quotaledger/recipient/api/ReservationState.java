package com.quotaledger.recipient.api;

/** Where a reservation is: holding its IDs, or ended one of three ways. */
public enum ReservationState {
    /** Holding its IDs until its expiry. */
    OPEN,
    /** Delivered, and recorded as a share. */
    CONFIRMED,
    /** Released before its expiry. */
    VOIDED,
    /** Neither confirmed nor voided before its expiry. */
    EXPIRED
}

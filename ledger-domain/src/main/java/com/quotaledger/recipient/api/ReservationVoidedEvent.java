package com.quotaledger.recipient.api;

import com.quotaledger.decision.LedgerDecision;

import java.time.Instant;

/** A reservation released before its expiry: its IDs ({@code released}) are free from {@code decidedAt}. */
public record ReservationVoidedEvent(VoidReservationRequest request, Instant decidedAt, IdCounts released,
                                     Quota quota) implements LedgerDecision {

    @Override
    public String requestId() {
        return request.requestId();
    }

    @Override
    public String contentFingerprint() {
        return request.contentFingerprint();
    }

    public String reservationId() {
        return request.reservationId();
    }
}

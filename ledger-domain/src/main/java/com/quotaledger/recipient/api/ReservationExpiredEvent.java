package com.quotaledger.recipient.api;

import com.quotaledger.decision.LedgerEvent;
import com.quotaledger.ids.ReservationIds;

import java.time.Instant;

/**
 * A reservation that was neither confirmed nor voided before {@code expiresAt}, when its IDs ({@code released})
 * stopped counting; recorded at {@code recordedAt}, which is never earlier.
 */
public record ReservationExpiredEvent(String reservationId, Instant expiresAt, Instant recordedAt,
                                      IdCounts released) implements LedgerEvent {

    public String recipientId() {
        return ReservationIds.recipientOf(reservationId);
    }

    @Override
    public Instant occurredAt() {
        return recordedAt;
    }
}

package com.quotaledger.recipient.api;

import java.time.Instant;

/**
 * A reservation as its recipient's history shows it at {@code asOf}. An open reservation whose {@code expiresAt} has
 * passed is {@code EXPIRED} whether or not its expiry was recorded yet. {@code closedAt} is when it stopped holding
 * its IDs; {@code shareId} and {@code confirmedIds} name the share a confirmation recorded.
 */
public record ReservationView(String reservationId,
                              String requestId,
                              ShareRequest share,
                              Instant reservedAt,
                              Instant expiresAt,
                              ReservationState state,
                              Instant closedAt,
                              String shareId,
                              IdCounts confirmedIds,
                              Instant asOf) {
}

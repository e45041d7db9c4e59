package com.quotaledger.recipient.api;

import com.quotaledger.exemption.api.AcademicApproval;

import java.time.Instant;

/**
 * A granted reservation: its IDs are held from {@code decidedAt} until {@code expiresAt}, unless confirmed or voided
 * sooner. {@code quota} is the rolling quota after it, with the hold among what is reserved (unchanged for an exempt
 * basis); {@code approval} is the academic approval it holds budget of, as it stood.
 */
public record ReservationGrantedEvent(ReservationRequest request, String reservationId, Instant decidedAt,
                                      Instant expiresAt, Quota quota, AcademicApproval approval)
        implements ReservationDecision {
}

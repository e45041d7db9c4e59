package com.quotaledger.recipient.api;

import com.quotaledger.decision.LedgerDecision;
import com.quotaledger.exemption.api.AcademicApproval;

import java.time.Instant;

/**
 * A reservation's delivery, recorded as the granted share {@code share} at the ledger's time of the confirmation: it
 * counts in the window from {@code decidedAt}, and what the reservation held beyond it ({@code released}) is free at
 * once. {@code quota} is the rolling quota after it; {@code approval} the academic approval after drawing on it.
 */
public record ReservationConfirmedEvent(ConfirmReservationRequest request, ShareRequest share, String shareId,
                                        Instant decidedAt, Quota quota, AcademicApproval approval,
                                        IdCounts released) implements LedgerDecision {

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

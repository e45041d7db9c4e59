package com.quotaledger.recipient.api;

import com.quotaledger.decision.LedgerDecision;

/** A decided reservation: granted or denied by the rules of a share, it is an event kept forever. */
public sealed interface ReservationDecision extends LedgerDecision
        permits ReservationGrantedEvent, ReservationDeniedEvent {

    ReservationRequest request();

    @Override
    default String requestId() {
        return request().requestId();
    }

    @Override
    default String contentFingerprint() {
        return request().contentFingerprint();
    }

    /** The quota after the decision: a denial leaves it as it was. */
    Quota quota();
}

package com.quotaledger.recipient.api;

import com.quotaledger.decision.LedgerDecision;

/** A decided share: granted or denied, it is an event kept forever. */
public sealed interface ShareDecision extends LedgerDecision permits ShareGrantedEvent, ShareDeniedEvent {

    ShareRequest request();

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

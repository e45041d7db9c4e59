package com.quotaledger.decision;

import java.time.Instant;

/**
 * A decision event, granted or denied, taken for a client's request. Its requestId is decided once across the
 * whole ledger; a request repeated with the same content gets this decision back.
 */
public interface LedgerDecision extends LedgerEvent {

    String requestId();

    /** Equal for two requests exactly when everything but their requestIds is equal. */
    String contentFingerprint();

    Instant decidedAt();

    @Override
    default Instant occurredAt() {
        return decidedAt();
    }
}

package com.quotaledger.exemption.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

public record ExemptionRevokedEvent(String recipientId, ExemptionKind kind, String exemptionId, Instant revokedAt) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return revokedAt;
    }
}

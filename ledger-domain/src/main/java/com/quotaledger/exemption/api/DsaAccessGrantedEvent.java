package com.quotaledger.exemption.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

public record DsaAccessGrantedEvent(String recipientId, DsaAccess access) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return access.grant().grantedAt();
    }
}

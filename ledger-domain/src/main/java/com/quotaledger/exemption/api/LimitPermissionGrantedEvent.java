package com.quotaledger.exemption.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

public record LimitPermissionGrantedEvent(String recipientId, LimitPermission permission) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return permission.grant().grantedAt();
    }
}

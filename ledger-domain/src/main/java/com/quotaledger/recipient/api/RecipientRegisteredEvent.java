package com.quotaledger.recipient.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

public record RecipientRegisteredEvent(String recipientId, String name, RecipientKind kind, Instant registeredAt) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return registeredAt;
    }
}

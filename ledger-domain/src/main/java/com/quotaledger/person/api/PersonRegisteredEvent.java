package com.quotaledger.person.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

/** In the person's history: the person became known on their own, without an entity. */
public record PersonRegisteredEvent(String personId, Instant registeredAt) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return registeredAt;
    }
}

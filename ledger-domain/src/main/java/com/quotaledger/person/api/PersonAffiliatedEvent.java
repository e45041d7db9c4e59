package com.quotaledger.person.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

/** In the person's history: the person joined a recipient entity. */
public record PersonAffiliatedEvent(String personId, String recipientId, Instant affiliatedAt) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return affiliatedAt;
    }
}

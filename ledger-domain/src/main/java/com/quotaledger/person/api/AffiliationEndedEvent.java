package com.quotaledger.person.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

/** In the person's history: the person left a recipient entity. */
public record AffiliationEndedEvent(String personId, String recipientId, Instant endedAt) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return endedAt;
    }
}

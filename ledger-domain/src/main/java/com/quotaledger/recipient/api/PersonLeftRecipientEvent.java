package com.quotaledger.recipient.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

/** In the recipient's history: an individual is no longer associated with the entity. */
public record PersonLeftRecipientEvent(String recipientId, String personId, Instant leftAt) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return leftAt;
    }
}

package com.quotaledger.recipient.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

/** In the recipient's history: an individual became associated with the entity. */
public record PersonJoinedRecipientEvent(String recipientId, String personId, Instant joinedAt) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return joinedAt;
    }
}

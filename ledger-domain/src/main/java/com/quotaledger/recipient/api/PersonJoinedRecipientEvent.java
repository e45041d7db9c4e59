package com.quotaledger.recipient.api;

import java.time.Instant;

/** In the recipient's history: an individual became associated with the entity. */
public record PersonJoinedRecipientEvent(String recipientId, String personId, Instant joinedAt) {
}

package com.quotaledger.recipient.api;

import java.time.Instant;

public record RecipientRegisteredEvent(String recipientId, String name, RecipientKind kind, Instant registeredAt) {
}

package com.quotaledger.person.api;

import java.time.Instant;

/** In the person's history: the person joined a recipient entity. */
public record PersonAffiliatedEvent(String personId, String recipientId, Instant affiliatedAt) {
}

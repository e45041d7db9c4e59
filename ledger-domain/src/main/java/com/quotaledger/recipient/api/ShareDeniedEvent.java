package com.quotaledger.recipient.api;

import java.time.Instant;

/** A refused share. {@code retryAt} is set when the same request would fit later (a rolling-limit denial). */
public record ShareDeniedEvent(ShareRequest request, DenialReason reason, Instant decidedAt, Instant retryAt,
                               Quota quota) implements ShareDecision {
}

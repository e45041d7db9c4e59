package com.quotaledger.recipient.api;

import java.time.Instant;

public record ShareGrantedEvent(ShareRequest request, String shareId, Instant decidedAt, Quota quota)
        implements ShareDecision {
}

package com.quotaledger.person.api;

import com.quotaledger.recipient.api.DenialReason;

import java.time.Instant;

/** A refused export. {@code retryAt} is set when the same request would fit on a later day. */
public record ObjectExportDeniedEvent(ObjectExportRequest request, String recipientId, DenialReason reason,
                                      Instant decidedAt, Instant retryAt, DailyObjects objects)
        implements ObjectExportDecision {
}

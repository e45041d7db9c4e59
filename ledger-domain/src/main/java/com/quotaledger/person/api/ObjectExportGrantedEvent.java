package com.quotaledger.person.api;

import java.time.Instant;

public record ObjectExportGrantedEvent(ObjectExportRequest request, String exportId, String recipientId,
                                       Instant decidedAt, DailyObjects objects) implements ObjectExportDecision {
}

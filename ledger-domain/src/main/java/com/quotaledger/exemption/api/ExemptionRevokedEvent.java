package com.quotaledger.exemption.api;

import java.time.Instant;

public record ExemptionRevokedEvent(String recipientId, ExemptionKind kind, String exemptionId, Instant revokedAt) {
}

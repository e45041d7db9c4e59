package com.quotaledger.recipient.api;

import com.quotaledger.exemption.api.AcademicApproval;

import java.time.Instant;

/**
 * A refused share. {@code retryAt} is set when the same request would fit later (a rolling-limit denial);
 * {@code approval} is the academic approval named, as it stood, if the recipient has it.
 */
public record ShareDeniedEvent(ShareRequest request, DenialReason reason, Instant decidedAt, Instant retryAt,
                               Quota quota, AcademicApproval approval) implements ShareDecision {
}

package com.quotaledger.recipient.api;

import com.quotaledger.exemption.api.AcademicApproval;

import java.time.Instant;

/**
 * A granted share. {@code quota} is the rolling quota after it (unchanged for an exempt basis); {@code approval} is
 * the academic approval after drawing on it, for a share under one.
 */
public record ShareGrantedEvent(ShareRequest request, String shareId, Instant decidedAt, Quota quota,
                                AcademicApproval approval) implements ShareDecision {
}

package com.quotaledger.exemption.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

public record AcademicApprovalGrantedEvent(String recipientId, AcademicApproval approval) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return approval.grant().grantedAt();
    }
}

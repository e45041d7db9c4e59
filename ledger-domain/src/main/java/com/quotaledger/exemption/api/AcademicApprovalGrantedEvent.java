package com.quotaledger.exemption.api;

public record AcademicApprovalGrantedEvent(String recipientId, AcademicApproval approval) {
}

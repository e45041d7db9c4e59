package com.quotaledger.exemption.api;

public record DsaAccessGrantedEvent(String recipientId, DsaAccess access) {
}

package com.quotaledger.exemption.api;

public record LimitPermissionGrantedEvent(String recipientId, LimitPermission permission) {
}

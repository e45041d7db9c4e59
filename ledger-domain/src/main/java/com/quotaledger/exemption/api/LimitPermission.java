package com.quotaledger.exemption.api;

import java.time.Instant;

/** X's written permission for an entity to receive more Post IDs in the rolling window than the default limit. */
public record LimitPermission(String permissionId, long postIdLimit, Validity validity, Grant grant) {

    public LimitPermission {
        if (postIdLimit < 0) {
            throw new IllegalArgumentException("postIdLimit must not be negative");
        }
    }

    public LimitPermission revokedAt(Instant instant) {
        return new LimitPermission(permissionId, postIdLimit, validity.revokedAt(instant), grant);
    }
}

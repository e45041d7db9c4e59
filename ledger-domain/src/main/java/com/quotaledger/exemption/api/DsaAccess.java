package com.quotaledger.exemption.api;

import java.time.Instant;

/**
 * Access under Art. 40 of the EU Digital Services Act: such researchers are outside the redistribution section, so
 * shares under it are recorded but not limited.
 */
public record DsaAccess(String accessId, Validity validity, Grant grant) {

    public DsaAccess revokedAt(Instant instant) {
        return new DsaAccess(accessId, validity.revokedAt(instant), grant);
    }
}

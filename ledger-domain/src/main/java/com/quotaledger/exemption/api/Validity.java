package com.quotaledger.exemption.api;

import java.time.Instant;
import java.util.Objects;

/**
 * When an exemption holds: the half-open interval [{@code validFrom}, {@code validUntil}) on the ledger's clock,
 * cut short at {@code revokedAt} if it was revoked.
 */
public record Validity(Instant validFrom, Instant validUntil, Instant revokedAt) {

    public Validity {
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        if (!validFrom.isBefore(validUntil)) {
            throw new IllegalArgumentException("validFrom must be before validUntil");
        }
    }

    public static Validity between(Instant validFrom, Instant validUntil) {
        return new Validity(validFrom, validUntil, null);
    }

    public boolean holdsAt(Instant instant) {
        return !instant.isBefore(validFrom) && instant.isBefore(validUntil)
                && (revokedAt == null || instant.isBefore(revokedAt));
    }

    public Validity revokedAt(Instant instant) {
        return revokedAt != null ? this : new Validity(validFrom, validUntil, instant);
    }
}

package com.quotaledger.exemption.api;

import java.time.Instant;
import java.util.Objects;

/** Who recorded an exemption, on which written basis from X, and when. */
public record Grant(String writtenReference, String grantedBy, Instant grantedAt) {

    public Grant {
        requireText(writtenReference, "writtenReference");
        requireText(grantedBy, "grantedBy");
    }

    static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}

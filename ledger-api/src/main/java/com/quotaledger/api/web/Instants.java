package com.quotaledger.api.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reads instants sent as text: ISO-8601 with a zone offset, such as 2026-10-01T00:00:00Z. */
public final class Instants {

    private Instants() {
    }

    public static Instant parse(String field, String value) {
        if (value == null) {
            throw ApiProblem.invalidField(field, field + " is required.");
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field,
                    field + " must be an ISO-8601 date and time with an offset, such as 2026-10-01T00:00:00Z.");
        }
    }
}

package com.quotaledger.api.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads instants and dates sent as text: ISO-8601, an instant with a zone offset such as 2026-10-01T00:00:00Z, a date
 * such as 2026-03-01. Only years 1970 to 9999 are accepted: every store the ledger runs on keeps them, and no date of
 * the policy lies outside them.
 */
public final class Instants {

    private static final int FIRST_YEAR = 1970;
    private static final int LAST_YEAR = 9999;
    private static final Instant EARLIEST = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant AFTER_LAST = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay()
            .toInstant(ZoneOffset.UTC);

    private Instants() {
    }

    public static Instant parse(String field, String value) {
        if (value == null) {
            throw ApiProblem.invalidField(field, field + " is required.");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field,
                    field + " must be an ISO-8601 date and time with an offset, such as 2026-10-01T00:00:00Z.");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(AFTER_LAST)) {
            throw outOfRange(field);
        }
        return instant;
    }

    public static LocalDate parseDate(String field, String value) {
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField(field, field + " must be a date such as 2026-03-01.");
        }
        if (date.getYear() < FIRST_YEAR || date.getYear() > LAST_YEAR) {
            throw outOfRange(field);
        }
        return date;
    }

    private static ApiProblem outOfRange(String field) {
        return ApiProblem.invalidField(field,
                field + " must lie in the years " + FIRST_YEAR + " to " + LAST_YEAR + " (UTC).");
    }
}

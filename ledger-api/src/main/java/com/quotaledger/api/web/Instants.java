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

    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = LocalDate.of(9999, 12, 31).plusDays(1).atStartOfDay()
            .toInstant(ZoneOffset.UTC).minusMillis(1);

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
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
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
        if (date.getYear() < 1970 || date.getYear() > 9999) {
            throw outOfRange(field);
        }
        return date;
    }

    private static ApiProblem outOfRange(String field) {
        return ApiProblem.invalidField(field, field + " must lie in the years 1970 to 9999 (UTC).");
    }
}

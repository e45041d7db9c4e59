package com.quotaledger.api.audit;

import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.audit.DecisionLog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The decision log's page cursors as clients see them: opaque text, so that what a cursor holds may change without
 * clients noticing. One holds the last row's decision time and position in the store, and the order of its pages:
 * a cursor of the oldest-first pages reads as it did before the log could be read newest first.
 */
final class DecisionCursors {

    private static final String NEWEST_FIRST = "newest";

    /** Where a page ended, and in which order the pages go. */
    record Position(DecisionLog.Cursor cursor, DecisionLog.Order order) {
    }

    private DecisionCursors() {
    }

    static String write(DecisionLog.Cursor cursor, DecisionLog.Order order) {
        String text = cursor.decidedAt() + "/" + cursor.eventPosition()
                + (order == DecisionLog.Order.NEWEST_FIRST ? "/" + NEWEST_FIRST : "");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ApiProblem {@code INVALID_FIELD} for text that is not a cursor this API gave */
    static Position read(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("/", -1);
            if (parts.length == 2 || parts.length == 3 && parts[2].equals(NEWEST_FIRST)) {
                return new Position(new DecisionLog.Cursor(Instant.parse(parts[0]), Long.parseLong(parts[1])),
                        parts.length == 2 ? DecisionLog.Order.OLDEST_FIRST : DecisionLog.Order.NEWEST_FIRST);
            }
        } catch (IllegalArgumentException | DateTimeParseException notACursor) {
            // answered below
        }
        throw ApiProblem.invalidField("after", "after must be the next cursor of an earlier page.");
    }
}

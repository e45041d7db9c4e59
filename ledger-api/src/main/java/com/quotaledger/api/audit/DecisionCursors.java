package com.quotaledger.api.audit;

import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.audit.DecisionLog;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * The decision log's page cursors as clients see them: opaque text, so that what a cursor holds may change without
 * clients noticing. One holds the last row's decision time and position in the store.
 */
final class DecisionCursors {

    private DecisionCursors() {
    }

    static String write(DecisionLog.Cursor cursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (cursor.decidedAt() + "/" + cursor.eventPosition()).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws ApiProblem {@code INVALID_FIELD} for text that is not a cursor this API gave */
    static DecisionLog.Cursor read(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("/", -1);
            if (parts.length == 2) {
                return new DecisionLog.Cursor(Instant.parse(parts[0]), Long.parseLong(parts[1]));
            }
        } catch (IllegalArgumentException | DateTimeParseException notACursor) {
            // answered below
        }
        throw ApiProblem.invalidField("after", "after must be the next cursor of an earlier page.");
    }
}

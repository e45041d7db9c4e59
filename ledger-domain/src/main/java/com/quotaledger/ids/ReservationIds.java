package com.quotaledger.ids;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The shape of a reservation's id: the id of the recipient it holds capacity of, a tilde, and a name the ledger gives
 * it. The id names its recipient, so a confirmation or void reaches that recipient's history and no other.
 */
public final class ReservationIds {

    public static final String SEPARATOR = "~";
    public static final String PATTERN = RecipientIds.PATTERN + SEPARATOR + "[A-Za-z0-9-]{1,64}";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private ReservationIds() {
    }

    /** A new id for a reservation of {@code recipientId}. */
    public static String newFor(String recipientId) {
        return RecipientIds.requireValid(recipientId) + SEPARATOR + UUID.randomUUID();
    }

    public static boolean isValid(String reservationId) {
        return reservationId != null && VALID.matcher(reservationId).matches();
    }

    public static String requireValid(String reservationId) {
        if (!isValid(reservationId)) {
            throw new IllegalArgumentException("reservationId must match " + PATTERN);
        }
        return reservationId;
    }

    /** The recipient whose capacity the reservation holds. */
    public static String recipientOf(String reservationId) {
        return requireValid(reservationId).substring(0, reservationId.indexOf(SEPARATOR));
    }
}

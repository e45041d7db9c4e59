package com.quotaledger.ids;

import java.util.regex.Pattern;

/** The shape of a recipient entity's id: lower-case letters, digits, dots, underscores and dashes. */
public final class RecipientIds {

    public static final String PATTERN = "[a-z0-9][a-z0-9._-]{0,63}";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private RecipientIds() {
    }

    public static boolean isValid(String recipientId) {
        return recipientId != null && VALID.matcher(recipientId).matches();
    }

    public static String requireValid(String recipientId) {
        if (!isValid(recipientId)) {
            throw new IllegalArgumentException("recipientId must match " + PATTERN);
        }
        return recipientId;
    }
}

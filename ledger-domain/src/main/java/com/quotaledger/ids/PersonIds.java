package com.quotaledger.ids;

import java.util.regex.Pattern;

/**
 * A person's id: letters, digits and {@code . _ @ + -}, so an e-mail address works. A person's aggregate is stored
 * under {@code person:<personId>}, which no recipient id can equal (recipient ids have no colon).
 */
public final class PersonIds {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}";

    private static final Pattern VALID = Pattern.compile(PATTERN);
    private static final String AGGREGATE_PREFIX = "person:";

    private PersonIds() {
    }

    public static boolean isValid(String personId) {
        return personId != null && VALID.matcher(personId).matches();
    }

    public static String requireValid(String personId) {
        if (!isValid(personId)) {
            throw new IllegalArgumentException("personId must match " + PATTERN);
        }
        return personId;
    }

    public static String aggregateId(String personId) {
        return AGGREGATE_PREFIX + requireValid(personId);
    }
}

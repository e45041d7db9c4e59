package com.quotaledger.ids;

import java.util.regex.Pattern;

/** The id of an academic approval, a DSA access or a limit permission, as its grantor names it. */
public final class ExemptionIds {

    public static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9._:/-]{0,63}";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private ExemptionIds() {
    }

    public static String requireValid(String id, String name) {
        if (id == null || !VALID.matcher(id).matches()) {
            throw new IllegalArgumentException(name + " must match " + PATTERN);
        }
        return id;
    }
}

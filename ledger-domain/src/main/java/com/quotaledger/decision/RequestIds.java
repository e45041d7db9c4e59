package com.quotaledger.decision;

import java.util.regex.Pattern;

/** A client's idempotency key: 1 to 128 visible ASCII characters, unique across the whole ledger. */
public final class RequestIds {

    public static final String PATTERN = "[\\x21-\\x7E]{1,128}";

    private static final Pattern VALID = Pattern.compile(PATTERN);

    private RequestIds() {
    }

    public static boolean isValid(String requestId) {
        return requestId != null && VALID.matcher(requestId).matches();
    }

    public static String requireValid(String requestId) {
        if (!isValid(requestId)) {
            throw new IllegalArgumentException("requestId must be 1 to 128 visible ASCII characters");
        }
        return requestId;
    }
}

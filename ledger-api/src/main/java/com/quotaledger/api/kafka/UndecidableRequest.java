package com.quotaledger.api.kafka;

/**
 * A request record that cannot be decided as it stands, what the REST API answers with a 400: trying it again cannot
 * help, so it goes to the dead-letter topic with {@code reason} and {@code detail} in its headers.
 */
class UndecidableRequest extends RuntimeException {

    private final String reason;

    UndecidableRequest(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}

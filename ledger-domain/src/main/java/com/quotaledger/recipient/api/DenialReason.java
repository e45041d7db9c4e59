package com.quotaledger.recipient.api;

/** Why the ledger refused a request. The names are the stable {@code reason} codes of the public API. */
public enum DenialReason {
    /** The recipient has not accepted all four required documents. */
    TERMS_NOT_ACCEPTED,
    /** The request alone is larger than the limit: it can never be granted. */
    REQUEST_EXCEEDS_LIMIT,
    /** The request does not fit in the rolling window now, but will fit once older shares leave it. */
    ROLLING_LIMIT_EXCEEDED
}

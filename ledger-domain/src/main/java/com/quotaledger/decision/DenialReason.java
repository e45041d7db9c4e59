package com.quotaledger.decision;

/** Why the ledger refused a request. The names are the stable {@code reason} codes of the public API. */
public enum DenialReason {
    /** The recipient has not accepted all four required documents. */
    TERMS_NOT_ACCEPTED,
    /**
     * A document was accepted in a version older than the one in force; the denial names each such document, and
     * the recipient or person receives nothing until they accept the current version.
     */
    TERMS_OUTDATED,
    /** The request fits at no instant from now on under the limits recorded (for objects: more than a day allows). */
    REQUEST_EXCEEDS_LIMIT,
    /**
     * The request does not fit in the rolling window now, but will at its {@code retryAt}: once older shares leave
     * the window, or a permission already recorded starts.
     */
    ROLLING_LIMIT_EXCEEDED,
    /** The person named is not affiliated with the recipient entity (or with any, for an object export). */
    PERSON_NOT_AFFILIATED,
    /** Full objects go to a person only by non-automated download (a spreadsheet, a PDF). */
    AUTOMATED_OBJECT_DELIVERY_FORBIDDEN,
    /** The daily allowance of full objects is for public objects only, and the export did not say its are. */
    NON_PUBLIC_OBJECTS_FORBIDDEN,
    /** The person's objects for the day would exceed the daily limit; the request fits tomorrow. */
    DAILY_OBJECT_LIMIT_EXCEEDED,
    /** An academic approval covers Post and User IDs only, never Direct Message IDs. */
    BASIS_DOES_NOT_COVER_DM_IDS,
    /** The share names an approval or access the recipient does not have. */
    APPROVAL_NOT_FOUND,
    /** The approval or access named is not yet valid, has expired, or was revoked. */
    APPROVAL_NOT_VALID,
    /** The academic approval's budget does not cover the request. */
    APPROVAL_EXHAUSTED
}

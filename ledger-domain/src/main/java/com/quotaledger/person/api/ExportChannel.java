package com.quotaledger.person.api;

/** How full objects would reach the person. Only a manual download is allowed by the policy. */
public enum ExportChannel {
    /** A person downloads a spreadsheet or PDF: the only non-automated means. */
    MANUAL_DOWNLOAD,
    API,
    FEED,
    SCHEDULED_JOB
}

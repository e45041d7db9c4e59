package com.quotaledger.person.api;

import com.quotaledger.decision.LedgerDecision;

/** A decided object export, granted or denied, in the person's history. */
public sealed interface ObjectExportDecision extends LedgerDecision
        permits ObjectExportGrantedEvent, ObjectExportDeniedEvent {

    ObjectExportRequest request();

    /** The entity the person was affiliated with when it was decided; null if none. */
    String recipientId();

    /** The person's allowance for the day after the decision: a denial leaves it as it was. */
    DailyObjects objects();

    @Override
    default String requestId() {
        return request().requestId();
    }

    @Override
    default String contentFingerprint() {
        return request().contentFingerprint();
    }
}

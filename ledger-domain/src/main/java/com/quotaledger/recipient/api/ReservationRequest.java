package com.quotaledger.recipient.api;

import com.quotaledger.decision.Fingerprint;

import java.time.Duration;
import java.util.Objects;

/**
 * What an export tool asks to hold before it builds a dataset: the share it means to deliver, decided by the rules
 * of a share, and for how long to hold it unless it is confirmed or voided sooner.
 */
public record ReservationRequest(ShareRequest share, Duration holdFor) {

    public ReservationRequest {
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(holdFor, "holdFor");
        if (holdFor.isNegative() || holdFor.isZero()) {
            throw new IllegalArgumentException("a reservation is held for a positive duration");
        }
    }

    public String requestId() {
        return share.requestId();
    }

    public String recipientId() {
        return share.recipientId();
    }

    /** Equal for two requests exactly when everything but the requestId is equal. */
    public String contentFingerprint() {
        return Fingerprint.of("reservation", share.contentFingerprint(), holdFor);
    }
}

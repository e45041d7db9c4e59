package com.quotaledger.recipient.api;

import com.quotaledger.decision.DenialReason;

import java.time.Instant;

/**
 * When a standard share would be granted, as things stand at {@code asOf}: {@code fitsAt} is {@code asOf} when it
 * would be granted now, a later instant when it waits for the window (the {@code retryAt} its 429 would carry), and
 * null when it never would; {@code reason} is why it is not granted now, if it is not.
 */
public record ShareFit(Instant asOf, Instant fitsAt, DenialReason reason, Quota quota) {
}

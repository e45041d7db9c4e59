package com.quotaledger.recipient.api;

import java.time.Instant;

/** Counted IDs that leave the window at {@code at}, and how many have left from now up to then. */
public record Release(Instant at, long amount, long cumulative) {
}

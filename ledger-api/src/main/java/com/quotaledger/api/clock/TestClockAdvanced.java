package com.quotaledger.api.clock;

import java.time.Duration;
import java.time.Instant;

/** The test clock was moved from {@code from} to {@code to}: an event of the store, with the actor who moved it. */
public record TestClockAdvanced(Instant from, Instant to, Duration by) {
}

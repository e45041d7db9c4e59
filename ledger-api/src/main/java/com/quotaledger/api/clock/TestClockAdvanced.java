package com.quotaledger.api.clock;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.quotaledger.decision.LedgerEvent;

import java.time.Duration;
import java.time.Instant;

/** The test clock was moved from {@code from} to {@code to}: an event of the store, with the actor who moved it. */
public record TestClockAdvanced(Instant from, Instant to, Duration by) implements LedgerEvent {

    /** The move happened at the instant the clock was moved from. */
    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return from;
    }
}

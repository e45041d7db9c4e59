package com.quotaledger.decision;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The ledger's time for an aggregate's next event: the clock to the millisecond, unless it reads earlier than the
 * aggregate's latest event (a clock stepped back, a node whose clock lags). Time never runs backwards for an
 * aggregate.
 */
public final class LedgerTime {

    private LedgerTime() {
    }

    public static Instant next(Clock clock, Instant lastEventAt) {
        Instant now = now(clock);
        return lastEventAt != null && now.isBefore(lastEventAt) ? lastEventAt : now;
    }

    /** The clock's reading to the millisecond: the precision every decision is recorded at. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}

package com.quotaledger.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that stands still until a test moves it, forwards or backwards, by any amount down to a nanosecond. Threads
 * that race through a ledger may read and move it together.
 */
public final class MutableClock extends Clock {

    private volatile Instant now;

    private MutableClock(Instant start) {
        this.now = start;
    }

    public static MutableClock at(Instant start) {
        return new MutableClock(start);
    }

    public synchronized void set(Instant instant) {
        now = instant;
    }

    /** Moves the clock by {@code duration}, which may be negative: real clocks get stepped back too. */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the ledger reads instants only; it has no use for zones");
    }
}

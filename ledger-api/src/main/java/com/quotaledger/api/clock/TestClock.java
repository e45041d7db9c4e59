package com.quotaledger.api.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * A clock that stands still until it is advanced, and never moves backwards. Each advance is saved before it takes
 * effect, so a restart resumes where the clock was.
 */
public final class TestClock extends Clock {

    /** Ten years: enough to walk any window many times over; more is almost certainly a typo. */
    public static final Duration MAX_ADVANCE = Duration.ofDays(3653);

    private final Consumer<Instant> saveNow;
    private volatile Instant now;

    TestClock(Instant start, Consumer<Instant> saveNow) {
        this.now = start;
        this.saveNow = saveNow;
    }

    public synchronized Instant advance(Duration duration) {
        if (duration.isNegative() || duration.compareTo(MAX_ADVANCE) > 0) {
            throw new IllegalArgumentException("an advance must be between zero and " + MAX_ADVANCE);
        }
        Instant advanced = now.plus(duration);
        saveNow.accept(advanced);
        now = advanced;
        return advanced;
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
        throw new UnsupportedOperationException("the ledger's clock is UTC");
    }
}

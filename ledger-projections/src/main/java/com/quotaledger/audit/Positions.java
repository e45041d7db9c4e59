package com.quotaledger.audit;

import org.axonframework.eventhandling.TrackingToken;

/**
 * The position a tracking token tells: the highest position its processor has read. That is the event's own position
 * unless the event was committed after events numbered above it, which is why the decision log takes each row's
 * position from the store ({@link DecisionLog#appendAll}).
 */
public final class Positions {

    private Positions() {
    }

    public static long of(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}

package com.quotaledger.audit;

import org.axonframework.eventhandling.TrackingToken;

/** An event's position in the event store, as its tracking token tells it. */
public final class Positions {

    private Positions() {
    }

    public static long of(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}

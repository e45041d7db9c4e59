package com.quotaledger.api.storage;

import org.axonframework.common.IdentifierFactory;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Identifiers for every event and message that sort in the order they were made: UUIDs of version 7 (RFC 9562), a
 * millisecond timestamp, then a counter, then 62 random bits.
 * <p>
 * Why: an event's identifier is a key of unique indexes (the event store's, the decision log's). Random UUIDs land
 * each on a page of their own anywhere in the index, and the embedded store writes every page a transaction changed
 * when it commits; identifiers that grow with time all land on the index's last pages. The random bits keep
 * identifiers made at the same millisecond on other nodes apart.
 * <p>
 * Axon finds this class through {@code META-INF/services/org.axonframework.common.IdentifierFactory}.
 */
public final class TimeOrderedIdentifiers extends IdentifierFactory {

    private static final int COUNTER_BITS = 12;

    /** The last (millisecond, counter) handed out, so that identifiers of this process strictly increase. */
    private final AtomicLong last = new AtomicLong();

    @Override
    public String generateIdentifier() {
        long now = System.currentTimeMillis() << COUNTER_BITS;
        // a counter that overflows its millisecond borrows the next one: the order holds, the time runs a little ahead
        long stamp = last.updateAndGet(previous -> Math.max(previous + 1, now));
        long millis = stamp >>> COUNTER_BITS;
        long counter = stamp & ((1L << COUNTER_BITS) - 1);
        long mostSignificant = (millis << 16) | (0x7L << 12) | counter;
        long leastSignificant = (0b10L << 62) | (ThreadLocalRandom.current().nextLong() >>> 2);
        return new UUID(mostSignificant, leastSignificant).toString();
    }
}

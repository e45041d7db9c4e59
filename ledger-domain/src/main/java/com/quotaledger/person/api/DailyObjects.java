package com.quotaledger.person.api;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person's allowance of full Post and User objects on one calendar day: {@code used} of {@code limit}, renewed
 * at {@code resetsAt}, the start of the next day in the policy's zone.
 */
public record DailyObjects(long limit, long used, long remaining, LocalDate day, Instant resetsAt) {

    public DailyObjects {
        if (used < 0 || limit < 0 || remaining != Math.max(0, limit - used)) {
            throw new IllegalStateException("inconsistent daily allowance: limit " + limit + ", used " + used
                    + ", remaining " + remaining);
        }
    }

    public DailyObjects afterExporting(long objects) {
        long usedAfter = Math.addExact(used, objects);
        return new DailyObjects(limit, usedAfter, Math.max(0, limit - usedAfter), day, resetsAt);
    }
}

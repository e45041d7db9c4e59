package com.quotaledger.policy;

import java.time.ZoneId;
import java.util.Objects;

/**
 * The policy's allowance for full objects: at most {@code dailyObjectLimit} Post and User objects together to each
 * person per calendar day in {@code dayZone}, and only by non-automated download.
 */
public record ObjectExportPolicy(long dailyObjectLimit, ZoneId dayZone) {

    public static final long DEFAULT_DAILY_OBJECT_LIMIT = 500;

    public ObjectExportPolicy {
        if (dailyObjectLimit < 0) {
            throw new IllegalArgumentException("dailyObjectLimit must not be negative");
        }
        Objects.requireNonNull(dayZone, "dayZone");
    }

    public static ObjectExportPolicy defaults() {
        return new ObjectExportPolicy(DEFAULT_DAILY_OBJECT_LIMIT, ZoneId.of("UTC"));
    }
}

package com.quotaledger.recipient.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Duration;
import java.time.Instant;

/**
 * A recipient's rolling Post ID quota as it stood at {@code asOf}: the IDs granted in the window
 * ({@code windowStart}, {@code asOf}] against the limit in force, which comes from {@code limitSource}: the default
 * ({@link #DEFAULT_LIMIT_SOURCE}) or a written permission's id. {@code nextReleaseAt} is when the oldest counted
 * share leaves the window (null when none counts), freeing {@code nextReleaseAmount} IDs. {@code reserved} is what
 * open reservations hold at {@code asOf}: in use as much as {@code used}, so {@code remaining} is what is left beside
 * both. It is left out of the stored form when zero, so that decisions recorded before reservations keep their
 * hashes.
 */
public record Quota(long limit,
                    String limitSource,
                    long used,
                    long remaining,
                    Duration window,
                    Instant windowStart,
                    Instant asOf,
                    Instant nextReleaseAt,
                    long nextReleaseAmount,
                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) long reserved) {

    public static final String DEFAULT_LIMIT_SOURCE = "DEFAULT";

    public Quota {
        if (used < 0 || limit < 0 || reserved < 0 || remaining != Math.max(0, limit - used - reserved)) {
            throw new IllegalStateException("inconsistent quota: limit " + limit + ", used " + used
                    + ", reserved " + reserved + ", remaining " + remaining);
        }
    }

    /** A quota with nothing reserved. */
    public Quota(long limit, String limitSource, long used, long remaining, Duration window, Instant windowStart,
                 Instant asOf, Instant nextReleaseAt, long nextReleaseAmount) {
        this(limit, limitSource, used, remaining, window, windowStart, asOf, nextReleaseAt, nextReleaseAmount, 0);
    }

    /** This quota with {@code held} IDs reserved beside what is used. */
    public Quota reserving(long held) {
        return new Quota(limit, limitSource, used, Math.max(0, limit - used - held), window, windowStart, asOf,
                nextReleaseAt, nextReleaseAmount, held);
    }

    /**
     * This quota after granting {@code countedIds} more at {@code asOf}, which leave the window at
     * {@code ownRelease}: one window after {@code asOf}, or later where the policy rounds times to a coarser
     * granularity. The grant becomes the next release when nothing else counts, or adds to it when it leaves the
     * window at the same instant.
     */
    public Quota afterGranting(long countedIds, Instant ownRelease) {
        long usedAfter = Math.addExact(used, countedIds);
        Instant releaseAt = nextReleaseAt;
        long releaseAmount = nextReleaseAmount;
        if (countedIds > 0) {
            if (releaseAt == null) {
                releaseAt = ownRelease;
                releaseAmount = countedIds;
            } else if (releaseAt.equals(ownRelease)) {
                releaseAmount = Math.addExact(releaseAmount, countedIds);
            }
        }
        return new Quota(limit, limitSource, usedAfter, Math.max(0, limit - usedAfter - reserved), window,
                windowStart, asOf, releaseAt, releaseAmount, reserved);
    }
}

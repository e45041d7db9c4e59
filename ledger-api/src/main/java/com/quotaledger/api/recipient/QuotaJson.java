package com.quotaledger.api.recipient;

import com.quotaledger.recipient.api.Quota;

import java.time.Duration;
import java.time.Instant;

/** The public form of a rolling quota. */
public record QuotaJson(long limit,
                        String limitSource,
                        long used,
                        long remaining,
                        long windowDays,
                        Duration window,
                        Instant windowStart,
                        Instant asOf,
                        Instant nextReleaseAt,
                        long nextReleaseAmount) {

    public static QuotaJson of(Quota quota) {
        return new QuotaJson(quota.limit(), quota.limitSource(), quota.used(), quota.remaining(), quota.window().toDays(), quota.window(),
                quota.windowStart(), quota.asOf(), quota.nextReleaseAt(), quota.nextReleaseAmount());
    }
}

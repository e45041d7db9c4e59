package com.quotaledger.api.recipient;

import com.quotaledger.recipient.api.Quota;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Duration;
import java.time.Instant;

/** The public form of a rolling quota. */
public record QuotaJson(long limit,
                        String limitSource,
                        long used,
                        @Schema(description = "What open reservations hold now, in use as much as `used`")
                        long reserved,
                        @Schema(description = "What is left beside what is used and what is reserved")
                        long remaining,
                        long windowDays,
                        Duration window,
                        Instant windowStart,
                        Instant asOf,
                        Instant nextReleaseAt,
                        long nextReleaseAmount) {

    public static QuotaJson of(Quota quota) {
        return new QuotaJson(quota.limit(), quota.limitSource(), quota.used(), quota.reserved(), quota.remaining(),
                quota.window().toDays(), quota.window(), quota.windowStart(), quota.asOf(), quota.nextReleaseAt(),
                quota.nextReleaseAmount());
    }
}

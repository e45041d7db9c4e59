package com.quotaledger.api.decision;

import com.quotaledger.recipient.api.Quota;
import org.springframework.http.HttpHeaders;

import java.time.Instant;

/**
 * The quota as {@code RateLimit-Policy} and {@code RateLimit} headers in the form of the IETF httpapi
 * RateLimit-headers draft: {@code q} is the limit, {@code w} the window and {@code r} what remains, in IDs and
 * seconds; {@code t} is the number of seconds until the next share leaves the window.
 */
final class RateLimitHeaders {

    static final String POLICY_NAME = "post-ids";

    private RateLimitHeaders() {
    }

    static void add(HttpHeaders headers, Quota quota, Instant now) {
        headers.add("RateLimit-Policy", "\"%s\";q=%d;w=%d".formatted(POLICY_NAME, quota.limit(),
                quota.window().toSeconds()));
        StringBuilder rateLimit = new StringBuilder("\"%s\";r=%d".formatted(POLICY_NAME, quota.remaining()));
        if (quota.nextReleaseAt() != null) {
            rateLimit.append(";t=").append(DenialProblems.retryAfterSeconds(now, quota.nextReleaseAt()));
        }
        headers.add("RateLimit", rateLimit.toString());
    }
}

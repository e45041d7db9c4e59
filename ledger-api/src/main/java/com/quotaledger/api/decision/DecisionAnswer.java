package com.quotaledger.api.decision;

import com.quotaledger.recipient.api.Quota;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.time.Instant;

/**
 * A decision as the ledger answers it, whichever transport asked: granted or denied, the body of the answer (the grant,
 * or the denial as an RFC 9457 problem), and the figures of the headers that go with it: the recipient's quota after
 * a share, and when to try again after a denial that waiting resolves.
 *
 * @param quota      the recipient's quota after the decision; null for object exports, which draw on no recipient's
 * @param retryAt    the first instant the request fits, if waiting is what it needs
 * @param answeredAt the ledger's time of the answer, from which the headers count seconds
 */
public record DecisionAnswer(boolean granted, HttpStatus status, Object body, Quota quota, Instant retryAt,
                             Instant answeredAt) {

    public static DecisionAnswer granted(Object grant, Quota quota, Instant answeredAt) {
        return new DecisionAnswer(true, HttpStatus.CREATED, grant, quota, null, answeredAt);
    }

    public static DecisionAnswer denied(ProblemDetail denial, Quota quota, Instant retryAt, Instant answeredAt) {
        return new DecisionAnswer(false, HttpStatus.valueOf(denial.getStatus()), denial, quota, retryAt, answeredAt);
    }

    /** {@code RateLimit-Policy} and {@code RateLimit} from the quota, {@code Retry-After} from the retry time. */
    public HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        if (quota != null) {
            RateLimitHeaders.add(headers, quota, answeredAt);
        }
        if (retryAt != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(DenialProblems.retryAfterSeconds(answeredAt, retryAt)));
        }
        return headers;
    }

    public ResponseEntity<Object> toResponseEntity() {
        return ResponseEntity.status(status).headers(headers()).body(body);
    }
}

package com.quotaledger.api.share;

import com.quotaledger.api.recipient.QuotaJson;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.recipient.api.DenialReason;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.RecipientIds;
import com.quotaledger.recipient.api.RequestIds;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

@RestController
@RequestMapping("/api/v1/shares")
class ShareController {

    /**
     * A share request: counts of IDs only. There is no field for content, and every count must be given, so a
     * misspelt or forgotten count is a 400 rather than a silent zero.
     */
    record ShareIdsBody(@NotNull @Pattern(regexp = RequestIds.PATTERN) String requestId,
                        @NotNull @Pattern(regexp = RecipientIds.PATTERN) String recipientId,
                        @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long postIdCount,
                        @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long userIdCount,
                        @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long directMessageIdCount,
                        @Size(max = 1000) @Pattern(regexp = "[^\\p{Cntrl}]*") String purpose) {

        ShareRequest toRequest() {
            IdCounts ids = new IdCounts(postIdCount, userIdCount, directMessageIdCount);
            if (ids.isEmpty()) {
                throw ApiProblem.invalidField("postIdCount",
                        "A share names at least one ID: postIdCount, userIdCount or directMessageIdCount must be above zero.");
            }
            return new ShareRequest(requestId, recipientId, ids, purpose);
        }
    }

    record ShareGrantedJson(String requestId,
                            String shareId,
                            String recipientId,
                            String decision,
                            Instant decidedAt,
                            long postIdCount,
                            long userIdCount,
                            long directMessageIdCount,
                            String purpose,
                            QuotaJson quota) {
    }

    private final Shares shares;
    private final Clock clock;

    ShareController(Shares shares, Clock clock) {
        this.shares = shares;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<?> share(@Valid @RequestBody ShareIdsBody body) {
        ShareDecision decision = shares.share(body.toRequest());
        HttpHeaders headers = new HttpHeaders();
        Instant now = clock.instant();
        RateLimitHeaders.add(headers, decision.quota(), now);
        if (decision instanceof ShareGrantedEvent granted) {
            return ResponseEntity.status(HttpStatus.CREATED).headers(headers).body(granted(granted));
        }
        ShareDeniedEvent denied = (ShareDeniedEvent) decision;
        if (denied.retryAt() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(RateLimitHeaders.secondsUntil(now, denied.retryAt())));
        }
        return ResponseEntity.status(statusOf(denied.reason())).headers(headers).body(denied(denied));
    }

    private static ShareGrantedJson granted(ShareGrantedEvent granted) {
        IdCounts ids = granted.request().ids();
        return new ShareGrantedJson(granted.requestId(), granted.shareId(), granted.request().recipientId(),
                "GRANTED", granted.decidedAt(), ids.postIds(), ids.userIds(), ids.directMessageIds(),
                granted.request().purpose(), QuotaJson.of(granted.quota()));
    }

    private static ProblemDetail denied(ShareDeniedEvent denied) {
        ShareRequest request = denied.request();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusOf(denied.reason()), detailOf(denied));
        problem.setTitle(titleOf(denied.reason()));
        problem.setProperty("reason", denied.reason().name());
        problem.setProperty("requestId", request.requestId());
        problem.setProperty("decision", "DENIED");
        problem.setProperty("recipientId", request.recipientId());
        problem.setProperty("decidedAt", denied.decidedAt());
        problem.setProperty("postIdCount", request.ids().postIds());
        problem.setProperty("userIdCount", request.ids().userIds());
        problem.setProperty("directMessageIdCount", request.ids().directMessageIds());
        problem.setProperty("purpose", request.purpose());
        if (denied.retryAt() != null) {
            problem.setProperty("retryAt", denied.retryAt());
        }
        problem.setProperty("quota", QuotaJson.of(denied.quota()));
        return problem;
    }

    static HttpStatus statusOf(DenialReason reason) {
        return switch (reason) {
            case ROLLING_LIMIT_EXCEEDED -> HttpStatus.TOO_MANY_REQUESTS;
            case REQUEST_EXCEEDS_LIMIT, TERMS_NOT_ACCEPTED -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    private static String titleOf(DenialReason reason) {
        return switch (reason) {
            case ROLLING_LIMIT_EXCEEDED -> "Rolling limit exceeded";
            case REQUEST_EXCEEDS_LIMIT -> "Request exceeds the limit";
            case TERMS_NOT_ACCEPTED -> "Terms not accepted";
        };
    }

    private static String detailOf(ShareDeniedEvent denied) {
        String recipientId = denied.request().recipientId();
        return switch (denied.reason()) {
            case ROLLING_LIMIT_EXCEEDED -> "Recipient '%s' has %d of %d IDs in the current window; this request fits from %s."
                    .formatted(recipientId, denied.quota().used(), denied.quota().limit(), denied.retryAt());
            case REQUEST_EXCEEDS_LIMIT -> "This request alone is larger than the limit of %d IDs per window: it can never be granted."
                    .formatted(denied.quota().limit());
            case TERMS_NOT_ACCEPTED -> ("Recipient '%s' has not accepted all of TERMS_OF_SERVICE, PRIVACY_POLICY, "
                    + "DEVELOPER_AGREEMENT and DEVELOPER_POLICY.").formatted(recipientId);
        };
    }
}

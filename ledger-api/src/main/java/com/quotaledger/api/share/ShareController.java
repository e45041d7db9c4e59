package com.quotaledger.api.share;

import com.quotaledger.api.decision.Decisions;
import com.quotaledger.api.decision.DenialProblems;
import com.quotaledger.api.exemption.ExemptionJson.AcademicApprovalJson;
import com.quotaledger.api.recipient.QuotaJson;
import com.quotaledger.api.recipient.Recipients;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.Text;
import com.quotaledger.person.api.PersonIds;
import com.quotaledger.recipient.api.BasisType;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.RecipientIds;
import com.quotaledger.recipient.api.RequestIds;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;
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
import java.util.UUID;

@RestController
@RequestMapping("/api/v1/shares")
class ShareController {

    /**
     * A share request: counts of IDs only. There is no field for content, and every count must be given, so a
     * misspelt or forgotten count is a 400 rather than a silent zero.
     */
    record ShareIdsBody(@NotNull @Pattern(regexp = RequestIds.PATTERN) String requestId,
                        @NotNull @Pattern(regexp = RecipientIds.PATTERN) String recipientId,
                        @Pattern(regexp = PersonIds.PATTERN) String personId,
                        @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long postIdCount,
                        @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long userIdCount,
                        @NotNull @PositiveOrZero @Max(IdCounts.MAX_IDS_PER_REQUEST) Long directMessageIdCount,
                        @Valid BasisBody basis,
                        @Size(max = 1000) @Pattern(regexp = Text.PRINTABLE) String purpose) {

        ShareRequest toRequest() {
            IdCounts ids = new IdCounts(postIdCount, userIdCount, directMessageIdCount);
            if (ids.isEmpty()) {
                throw ApiProblem.invalidField("postIdCount",
                        "A share names at least one ID: postIdCount, userIdCount or directMessageIdCount must be above zero.");
            }
            return new ShareRequest(requestId, recipientId, personId, ids,
                    basis == null ? ShareBasis.STANDARD : basis.toBasis(), purpose);
        }
    }

    /** {@code {"type":"STANDARD"}}, {@code {"type":"ACADEMIC_APPROVAL","approvalId":…}} or {@code {"type":"DSA_ARTICLE_40","accessId":…}}. */
    record BasisBody(@NotNull BasisType type, @Size(max = 64) String approvalId, @Size(max = 64) String accessId) {

        ShareBasis toBasis() {
            try {
                return new ShareBasis(type, approvalId, accessId);
            } catch (IllegalArgumentException invalid) {
                throw ApiProblem.invalidField("basis", switch (type) {
                    case STANDARD -> "A STANDARD basis names no approvalId or accessId.";
                    case ACADEMIC_APPROVAL -> "An ACADEMIC_APPROVAL basis names a valid approvalId and no accessId.";
                    case DSA_ARTICLE_40 -> "A DSA_ARTICLE_40 basis names a valid accessId and no approvalId.";
                });
            }
        }
    }

    record ShareGrantedJson(String requestId,
                            String shareId,
                            String recipientId,
                            String personId,
                            String decision,
                            Instant decidedAt,
                            long postIdCount,
                            long userIdCount,
                            long directMessageIdCount,
                            ShareBasis basis,
                            String purpose,
                            QuotaJson quota,
                            AcademicApprovalJson approval) {
    }

    private final Decisions decisions;
    private final Recipients recipients;
    private final Clock clock;

    ShareController(Decisions decisions, Recipients recipients, Clock clock) {
        this.decisions = decisions;
        this.recipients = recipients;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<?> share(@Valid @RequestBody ShareIdsBody body) {
        ShareRequest request = body.toRequest();
        ShareIdsCommand command = new ShareIdsCommand(request, UUID.randomUUID().toString());
        ShareDecision decision = decisions.decide(request.requestId(), request.contentFingerprint(),
                ShareDecision.class, () -> recipients.send(request.recipientId(), command));

        HttpHeaders headers = new HttpHeaders();
        Instant now = clock.instant();
        RateLimitHeaders.add(headers, decision.quota(), now);
        if (decision instanceof ShareGrantedEvent granted) {
            return ResponseEntity.status(HttpStatus.CREATED).headers(headers).body(granted(granted));
        }
        ShareDeniedEvent denied = (ShareDeniedEvent) decision;
        if (denied.retryAt() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(DenialProblems.retryAfterSeconds(now, denied.retryAt())));
        }
        return ResponseEntity.status(DenialProblems.statusOf(denied.reason())).headers(headers).body(denied(denied));
    }

    private static ShareGrantedJson granted(ShareGrantedEvent granted) {
        ShareRequest request = granted.request();
        IdCounts ids = request.ids();
        return new ShareGrantedJson(request.requestId(), granted.shareId(), request.recipientId(),
                request.personId(), "GRANTED", granted.decidedAt(), ids.postIds(), ids.userIds(),
                ids.directMessageIds(), request.basis(), request.purpose(), QuotaJson.of(granted.quota()),
                granted.approval() == null ? null : AcademicApprovalJson.of(granted.approval(), granted.decidedAt()));
    }

    private static ProblemDetail denied(ShareDeniedEvent denied) {
        ShareRequest request = denied.request();
        ProblemDetail problem = DenialProblems.denial(denied.reason(), request.requestId(), detailOf(denied));
        problem.setProperty("recipientId", request.recipientId());
        problem.setProperty("personId", request.personId());
        problem.setProperty("decidedAt", denied.decidedAt());
        problem.setProperty("postIdCount", request.ids().postIds());
        problem.setProperty("userIdCount", request.ids().userIds());
        problem.setProperty("directMessageIdCount", request.ids().directMessageIds());
        problem.setProperty("basis", request.basis());
        problem.setProperty("purpose", request.purpose());
        if (denied.retryAt() != null) {
            problem.setProperty("retryAt", denied.retryAt());
        }
        problem.setProperty("quota", QuotaJson.of(denied.quota()));
        if (denied.approval() != null) {
            problem.setProperty("approval", AcademicApprovalJson.of(denied.approval(), denied.decidedAt()));
        }
        return problem;
    }

    private static String detailOf(ShareDeniedEvent denied) {
        ShareRequest request = denied.request();
        return switch (denied.reason()) {
            case ROLLING_LIMIT_EXCEEDED -> "Recipient '%s' has %d of %d IDs in the current window; this request fits from %s."
                    .formatted(request.recipientId(), denied.quota().used(), denied.quota().limit(), denied.retryAt());
            case REQUEST_EXCEEDS_LIMIT -> "This request alone is larger than the limit of %d IDs per window: it can never be granted."
                    .formatted(denied.quota().limit());
            case TERMS_NOT_ACCEPTED -> ("Recipient '%s' has not accepted all of TERMS_OF_SERVICE, PRIVACY_POLICY, "
                    + "DEVELOPER_AGREEMENT and DEVELOPER_POLICY.").formatted(request.recipientId());
            case PERSON_NOT_AFFILIATED -> "Person '%s' is not affiliated with recipient '%s'."
                    .formatted(request.personId(), request.recipientId());
            case BASIS_DOES_NOT_COVER_DM_IDS -> "An academic approval covers Post and User IDs only, not Direct Message IDs.";
            case APPROVAL_NOT_FOUND -> "Recipient '%s' has no %s '%s'.".formatted(request.recipientId(),
                    request.basis().type() == BasisType.ACADEMIC_APPROVAL ? "academic approval" : "DSA access",
                    request.basis().type() == BasisType.ACADEMIC_APPROVAL
                            ? request.basis().approvalId() : request.basis().accessId());
            case APPROVAL_NOT_VALID -> "The %s named is not valid at %s: not yet valid, expired or revoked."
                    .formatted(request.basis().type() == BasisType.ACADEMIC_APPROVAL ? "academic approval" : "DSA access",
                            denied.decidedAt());
            case APPROVAL_EXHAUSTED -> "Academic approval '%s' has %d Post IDs and %d User IDs left."
                    .formatted(denied.approval().approvalId(), denied.approval().remainingPostIds(),
                            denied.approval().remainingUserIds());
            default -> denied.reason().name();
        };
    }
}

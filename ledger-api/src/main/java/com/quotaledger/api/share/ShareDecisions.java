package com.quotaledger.api.share;

import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.decision.DecisionAnswer;
import com.quotaledger.api.decision.Decisions;
import com.quotaledger.api.decision.DenialProblems;
import com.quotaledger.api.exemption.ExemptionJson.AcademicApprovalJson;
import com.quotaledger.api.recipient.QuotaJson;
import com.quotaledger.api.security.RecipientAccess;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.recipient.api.BasisType;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.terms.api.OutdatedTerms;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Decides shares of IDs, for every transport: the REST endpoint and the Kafka bridge both call {@link #decide}, and only
 * map its {@link DecisionAnswer} to their own output.
 */
@Service
public class ShareDecisions {

    @Schema(name = "ShareGrant")
    record ShareGrantedJson(String requestId,
                            String shareId,
                            String recipientId,
                            String personId,
                            @Schema(allowableValues = "GRANTED") String decision,
                            Instant decidedAt,
                            long postIdCount,
                            long userIdCount,
                            long directMessageIdCount,
                            ShareBasis basis,
                            String purpose,
                            QuotaJson quota,
                            AcademicApprovalJson approval) {
    }

    /** A denied share as its RFC 9457 problem reads, for the OpenAPI description; {@link #denied} builds it. */
    @Schema(name = "ShareDenial")
    public record ShareDeniedJson(URI type,
                           String title,
                           int status,
                           String detail,
                           URI instance,
                           @Schema(ref = "#/components/schemas/DenialReason") String reason,
                           String requestId,
                           @Schema(allowableValues = "DENIED") String decision,
                           String recipientId,
                           String personId,
                           Instant decidedAt,
                           long postIdCount,
                           long userIdCount,
                           long directMessageIdCount,
                           ShareBasis basis,
                           String purpose,
                           @Schema(description = "The first instant the share fits, for ROLLING_LIMIT_EXCEEDED")
                           Instant retryAt,
                           QuotaJson quota,
                           @Schema(description = "For TERMS_OUTDATED: each document accepted in an older version")
                           List<OutdatedTerms> outdatedTerms,
                           AcademicApprovalJson approval) {
    }

    private final Decisions decisions;
    private final Clock clock;
    private final RecipientAccess recipientAccess;

    ShareDecisions(Decisions decisions, Clock clock, RecipientAccess recipientAccess) {
        this.decisions = decisions;
        this.clock = clock;
        this.recipientAccess = recipientAccess;
    }

    /**
     * Decides {@code body} in the commands' next group, in {@code sequence} if not null, and answers once the
     * decision is stored: the grant, or the denial as a problem, each with the recipient's quota after it.
     *
     * @throws ApiProblem at once if the body is invalid (400) or the caller may not act for its recipient (403); in
     *                    the answer if the recipient is unknown (404) or
     *                    the requestId was decided for other content (409)
     */
    public CompletableFuture<DecisionAnswer> decide(ShareIdsBody body, GroupCommit.Sequence sequence) {
        ShareRequest request = body.toRequest();
        recipientAccess.checkRecipient(request.recipientId());
        ShareIdsCommand command = new ShareIdsCommand(request, UUID.randomUUID().toString());
        return decisions.submit(request.requestId(), request.contentFingerprint(), ShareDecision.class, command,
                sequence).handle((decision, failure) -> {
            if (failure == null) {
                return answer(decision);
            }
            Throwable cause = failure instanceof CompletionException completion ? completion.getCause() : failure;
            if (cause instanceof AggregateNotFoundException) {
                throw ApiProblem.recipientNotFound(request.recipientId());
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
        });
    }

    private DecisionAnswer answer(ShareDecision decision) {
        if (decision instanceof ShareGrantedEvent granted) {
            return DecisionAnswer.granted(granted(granted), granted.quota(), clock.instant());
        }
        ShareDeniedEvent denied = (ShareDeniedEvent) decision;
        return DecisionAnswer.denied(denied(denied), denied.quota(), denied.retryAt(), clock.instant());
    }

    static ShareGrantedJson granted(ShareGrantedEvent granted) {
        ShareRequest request = granted.request();
        IdCounts ids = request.ids();
        return new ShareGrantedJson(request.requestId(), granted.shareId(), request.recipientId(),
                request.personId(), "GRANTED", granted.decidedAt(), ids.postIds(), ids.userIds(),
                ids.directMessageIds(), request.basis(), request.purpose(), QuotaJson.of(granted.quota()),
                granted.approval() == null ? null : AcademicApprovalJson.of(granted.approval(), granted.decidedAt()));
    }

    /** A denied share as its problem reads; a reservation denied for its share reads the same. */
    public static ProblemDetail denied(ShareDeniedEvent denied) {
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
        if (!denied.outdatedTerms().isEmpty()) {
            problem.setProperty("outdatedTerms", denied.outdatedTerms());
        }
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
            case REQUEST_EXCEEDS_LIMIT -> ("This request fits at no instant from now on: not under the limit of %d IDs in force now,"
                    + " and not under any limit recorded for later beside the IDs still in the window then. It can be"
                    + " granted only under a higher limit that X grants in writing.").formatted(denied.quota().limit());
            case TERMS_NOT_ACCEPTED -> ("Recipient '%s' has not accepted all of TERMS_OF_SERVICE, PRIVACY_POLICY, "
                    + "DEVELOPER_AGREEMENT and DEVELOPER_POLICY.").formatted(request.recipientId());
            case TERMS_OUTDATED -> DenialProblems.outdatedTermsDetail(
                    "Recipient '%s'".formatted(request.recipientId()), denied.outdatedTerms());
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

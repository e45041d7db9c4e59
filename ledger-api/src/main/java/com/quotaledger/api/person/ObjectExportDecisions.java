package com.quotaledger.api.person;

import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.decision.DecisionAnswer;
import com.quotaledger.api.decision.Decisions;
import com.quotaledger.api.decision.DenialProblems;
import com.quotaledger.api.security.RecipientAccess;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.person.api.ExportFormat;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.person.api.ObjectExportRequest;
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
 * Decides exports of full objects to a person, for every transport: the REST endpoint and the Kafka bridge both call
 * {@link #decide}, and only map its {@link DecisionAnswer} to their own output.
 */
@Service
public class ObjectExportDecisions {

    @Schema(name = "ObjectExportGrant")
    record ObjectExportGrantedJson(String requestId,
                                   String exportId,
                                   String personId,
                                   String recipientId,
                                   @Schema(allowableValues = "GRANTED") String decision,
                                   Instant decidedAt,
                                   long postObjectCount,
                                   long userObjectCount,
                                   ExportChannel channel,
                                   ExportFormat format,
                                   DailyObjectsJson objects) {
    }

    /** A denied export as its RFC 9457 problem reads, for the OpenAPI description; {@link #denied} builds it. */
    @Schema(name = "ObjectExportDenial")
    record ObjectExportDeniedJson(URI type,
                                  String title,
                                  int status,
                                  String detail,
                                  URI instance,
                                  @Schema(ref = "#/components/schemas/DenialReason") String reason,
                                  String requestId,
                                  @Schema(allowableValues = "DENIED") String decision,
                                  String personId,
                                  String recipientId,
                                  Instant decidedAt,
                                  long postObjectCount,
                                  long userObjectCount,
                                  ExportChannel channel,
                                  ExportFormat format,
                                  boolean publicObjectsOnly,
                                  @Schema(description = "When the export fits, for DAILY_OBJECT_LIMIT_EXCEEDED")
                                  Instant retryAt,
                                  DailyObjectsJson objects,
                                  @Schema(description = "For TERMS_OUTDATED: each document accepted in an older version")
                                  List<OutdatedTerms> outdatedTerms) {
    }

    private final Decisions decisions;
    private final Clock clock;
    private final RecipientAccess recipientAccess;

    ObjectExportDecisions(Decisions decisions, Clock clock, RecipientAccess recipientAccess) {
        this.decisions = decisions;
        this.clock = clock;
        this.recipientAccess = recipientAccess;
    }

    /**
     * Decides {@code body} in the commands' next group, in {@code sequence} if not null, and answers once the
     * decision is stored: the grant, or the denial as a problem.
     *
     * @throws com.quotaledger.api.web.ApiProblem at once if the body is invalid (400) or the caller may not act for
     *                                            the person's entity (403); in the answer if the person is unknown
     *                                            (404) or the requestId was decided for other content (409)
     */
    public CompletableFuture<DecisionAnswer> decide(ObjectExportBody body, GroupCommit.Sequence sequence) {
        ObjectExportRequest request = body.toRequest();
        // the entity the person is with now: only an officer moving the person in the same instant could make the
        // export count for another entity
        recipientAccess.checkPerson(request.personId());
        ExportObjectsCommand command = new ExportObjectsCommand(request, UUID.randomUUID().toString());
        return decisions.submit(request.requestId(), request.contentFingerprint(), ObjectExportDecision.class,
                command, sequence).handle((decision, failure) -> {
            if (failure == null) {
                return answer(decision);
            }
            Throwable cause = failure instanceof CompletionException completion ? completion.getCause() : failure;
            if (cause instanceof AggregateNotFoundException) {
                throw Persons.personNotFound(request.personId());
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(cause);
        });
    }

    private DecisionAnswer answer(ObjectExportDecision decision) {
        if (decision instanceof ObjectExportGrantedEvent granted) {
            ObjectExportRequest request = granted.request();
            return DecisionAnswer.granted(new ObjectExportGrantedJson(request.requestId(),
                    granted.exportId(), request.personId(), granted.recipientId(), "GRANTED", granted.decidedAt(),
                    request.postObjectCount(), request.userObjectCount(), request.channel(), request.format(),
                    DailyObjectsJson.of(granted.objects())), null, clock.instant());
        }
        ObjectExportDeniedEvent denied = (ObjectExportDeniedEvent) decision;
        return DecisionAnswer.denied(denied(denied), null, denied.retryAt(), clock.instant());
    }

    private static ProblemDetail denied(ObjectExportDeniedEvent denied) {
        ObjectExportRequest request = denied.request();
        ProblemDetail problem = DenialProblems.denial(denied.reason(), request.requestId(), detailOf(denied));
        problem.setProperty("personId", request.personId());
        problem.setProperty("recipientId", denied.recipientId());
        problem.setProperty("decidedAt", denied.decidedAt());
        problem.setProperty("postObjectCount", request.postObjectCount());
        problem.setProperty("userObjectCount", request.userObjectCount());
        problem.setProperty("channel", request.channel());
        problem.setProperty("format", request.format());
        problem.setProperty("publicObjectsOnly", request.publicObjectsOnly());
        if (denied.retryAt() != null) {
            problem.setProperty("retryAt", denied.retryAt());
        }
        problem.setProperty("objects", DailyObjectsJson.of(denied.objects()));
        if (!denied.outdatedTerms().isEmpty()) {
            problem.setProperty("outdatedTerms", denied.outdatedTerms());
        }
        return problem;
    }

    private static String detailOf(ObjectExportDeniedEvent denied) {
        ObjectExportRequest request = denied.request();
        return switch (denied.reason()) {
            case AUTOMATED_OBJECT_DELIVERY_FORBIDDEN -> "Full objects go to a person only by manual download (a "
                    + "spreadsheet or PDF), not by " + request.channel() + ".";
            case NON_PUBLIC_OBJECTS_FORBIDDEN -> "Full objects may go to a person only if they are all public: send "
                    + "\"publicObjectsOnly\": true for an export of public Post and User objects.";
            case PERSON_NOT_AFFILIATED -> "Person '%s' is not affiliated with any recipient entity."
                    .formatted(request.personId());
            case TERMS_NOT_ACCEPTED -> "Neither person '%s' nor the person's entity has accepted all four documents."
                    .formatted(request.personId());
            case TERMS_OUTDATED -> DenialProblems.outdatedTermsDetail(
                    "Person '%s', and the entity they are with if any,".formatted(request.personId()),
                    denied.outdatedTerms());
            case REQUEST_EXCEEDS_LIMIT -> "This request alone is more than the limit of %d objects a day."
                    .formatted(denied.objects().limit());
            case DAILY_OBJECT_LIMIT_EXCEEDED -> "Person '%s' has received %d of %d objects on %s; this request fits from %s."
                    .formatted(request.personId(), denied.objects().used(), denied.objects().limit(),
                            denied.objects().day(), denied.retryAt());
            default -> denied.reason().name();
        };
    }
}

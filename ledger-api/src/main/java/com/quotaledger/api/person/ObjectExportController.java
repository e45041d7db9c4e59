package com.quotaledger.api.person;

import com.quotaledger.api.decision.Decisions;
import com.quotaledger.api.decision.DenialProblems;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.person.api.ExportFormat;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.person.api.ObjectExportRequest;
import com.quotaledger.person.api.PersonIds;
import com.quotaledger.recipient.api.RequestIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
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

/** Full Post and User objects to a person: only by manual download, at most the daily limit per person. */
@RestController
@RequestMapping("/api/v1/object-exports")
class ObjectExportController {

    record ObjectExportBody(@NotNull @Pattern(regexp = RequestIds.PATTERN) String requestId,
                            @NotNull @Pattern(regexp = PersonIds.PATTERN) String personId,
                            @NotNull @PositiveOrZero @Max(ObjectExportRequest.MAX_OBJECTS_PER_REQUEST) Long postObjectCount,
                            @NotNull @PositiveOrZero @Max(ObjectExportRequest.MAX_OBJECTS_PER_REQUEST) Long userObjectCount,
                            @NotNull ExportChannel channel,
                            @NotNull ExportFormat format) {

        ObjectExportRequest toRequest() {
            if (postObjectCount == 0 && userObjectCount == 0) {
                throw ApiProblem.invalidField("postObjectCount",
                        "An export names at least one object: postObjectCount or userObjectCount must be above zero.");
            }
            return new ObjectExportRequest(requestId, personId, postObjectCount, userObjectCount, channel, format);
        }
    }

    record ObjectExportGrantedJson(String requestId,
                                   String exportId,
                                   String personId,
                                   String recipientId,
                                   String decision,
                                   Instant decidedAt,
                                   long postObjectCount,
                                   long userObjectCount,
                                   ExportChannel channel,
                                   ExportFormat format,
                                   DailyObjectsJson objects) {
    }

    private final Decisions decisions;
    private final Persons persons;
    private final Clock clock;

    ObjectExportController(Decisions decisions, Persons persons, Clock clock) {
        this.decisions = decisions;
        this.persons = persons;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<?> export(@Valid @RequestBody ObjectExportBody body) {
        ObjectExportRequest request = body.toRequest();
        ExportObjectsCommand command = new ExportObjectsCommand(request, UUID.randomUUID().toString());
        ObjectExportDecision decision = decisions.decide(request.requestId(), request.contentFingerprint(),
                ObjectExportDecision.class, () -> persons.send(request.personId(), command));

        if (decision instanceof ObjectExportGrantedEvent granted) {
            return ResponseEntity.status(HttpStatus.CREATED).body(new ObjectExportGrantedJson(request.requestId(),
                    granted.exportId(), request.personId(), granted.recipientId(), "GRANTED", granted.decidedAt(),
                    request.postObjectCount(), request.userObjectCount(), request.channel(), request.format(),
                    DailyObjectsJson.of(granted.objects())));
        }
        ObjectExportDeniedEvent denied = (ObjectExportDeniedEvent) decision;
        HttpHeaders headers = new HttpHeaders();
        if (denied.retryAt() != null) {
            headers.set(HttpHeaders.RETRY_AFTER,
                    Long.toString(DenialProblems.retryAfterSeconds(clock.instant(), denied.retryAt())));
        }
        return ResponseEntity.status(DenialProblems.statusOf(denied.reason())).headers(headers).body(denied(denied));
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
        if (denied.retryAt() != null) {
            problem.setProperty("retryAt", denied.retryAt());
        }
        problem.setProperty("objects", DailyObjectsJson.of(denied.objects()));
        return problem;
    }

    private static String detailOf(ObjectExportDeniedEvent denied) {
        ObjectExportRequest request = denied.request();
        return switch (denied.reason()) {
            case AUTOMATED_OBJECT_DELIVERY_FORBIDDEN -> "Full objects go to a person only by manual download (a "
                    + "spreadsheet or PDF), not by " + request.channel() + ".";
            case PERSON_NOT_AFFILIATED -> "Person '%s' is not affiliated with any recipient entity."
                    .formatted(request.personId());
            case TERMS_NOT_ACCEPTED -> "Neither person '%s' nor the person's entity has accepted all four documents."
                    .formatted(request.personId());
            case REQUEST_EXCEEDS_LIMIT -> "This request alone is more than the limit of %d objects a day."
                    .formatted(denied.objects().limit());
            case DAILY_OBJECT_LIMIT_EXCEEDED -> "Person '%s' has received %d of %d objects on %s; this request fits from %s."
                    .formatted(request.personId(), denied.objects().used(), denied.objects().limit(),
                            denied.objects().day(), denied.retryAt());
            default -> denied.reason().name();
        };
    }
}

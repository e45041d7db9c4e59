package com.quotaledger.api.admin;

import com.quotaledger.api.readmodels.Projections;
import com.quotaledger.api.readmodels.Projections.ProcessorStatus;
import com.quotaledger.api.readmodels.Projections.ProjectedUpTo;
import com.quotaledger.api.readmodels.Replays;
import com.quotaledger.api.recipient.Recipients;
import com.quotaledger.api.web.Refusals;
import com.quotaledger.readmodels.ReadModels;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.reports.Reports;
import com.quotaledger.reports.Reports.QuotaNow;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static com.quotaledger.api.web.ProblemReason.REPLAY_BLOCKED;
import static com.quotaledger.api.web.ProblemReason.REPLAY_IN_PROGRESS;

/** Operations on the read models: their status, their rebuild, and a check that they agree with the aggregates. */
@Tag(name = "Administration")
@RestController
@RequestMapping("/api/v1/admin")
class AdminController {

    record ProcessorsJson(List<ProcessorStatus> processors) {
    }

    record ReplayJson(List<String> replaying) {
    }

    record Difference(String recipientId, String field, Object aggregate, Object readModel) {
    }

    /** {@code caughtUp} is false when the read model did not reach the event store's head in time to compare. */
    record Reconciliation(boolean consistent, boolean caughtUp, int recipientsChecked, List<Difference> differences,
                          ProjectedUpTo projectedUpTo) {
    }

    /** How long a reconciliation waits for the read model to include every event stored when it began. */
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(10);

    private final Projections projections;
    private final Replays replays;
    private final Reports reports;
    private final Recipients recipients;

    AdminController(Projections projections, Replays replays, Reports reports, Recipients recipients) {
        this.projections = projections;
        this.replays = replays;
        this.reports = reports;
        this.recipients = recipients;
    }

    @Operation(operationId = "getReadModelStatus", summary = "How far each read model got, and whether it stopped")
    @GetMapping("/projections")
    ProcessorsJson projections() {
        return new ProcessorsJson(projections.status());
    }

    @Operation(operationId = "replayReadModels", summary = "Rebuild every read model from the events, on every node")
    @ApiResponse(responseCode = "202", description = "Replay started", useReturnTypeSchema = true)
    @Refusals({REPLAY_IN_PROGRESS, REPLAY_BLOCKED})
    @PostMapping("/projections/replay")
    ResponseEntity<ReplayJson> replay() {
        replays.replayAll();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ReplayJson(Projections.READ_MODELS));
    }

    /**
     * Compares every registered recipient's quota in the read model with its aggregate's, at the instant the
     * aggregate answered, once the read model includes every event stored when the reconciliation began. A read model
     * that does not catch up in time is reported as such, not compared.
     */
    @Operation(operationId = "reconcileReadModels", summary = "Compare the read models with the aggregates")
    @GetMapping("/reconcile")
    Reconciliation reconcile() {
        if (!projections.awaitCaughtUp(ReadModels.PROCESSING_GROUP, CATCH_UP_TIMEOUT)) {
            return new Reconciliation(false, false, 0, List.of(),
                    projections.projectedUpTo(ReadModels.PROCESSING_GROUP));
        }
        ProjectedUpTo upTo = projections.projectedUpTo(ReadModels.PROCESSING_GROUP);
        List<Difference> differences = new ArrayList<>();
        List<String> recipientIds = reports.recipientIds();
        for (String recipientId : recipientIds) {
            RecipientView view = recipients.describe(recipientId);
            Quota aggregate = view.postIds();
            QuotaNow readModel = reports.quotaOf(recipientId, view.asOf());
            compare(differences, recipientId, "limit", aggregate.limit(), readModel.limit());
            compare(differences, recipientId, "limitSource", aggregate.limitSource(), readModel.limitSource());
            compare(differences, recipientId, "used", aggregate.used(), readModel.used());
            compare(differences, recipientId, "reserved", aggregate.reserved(), readModel.reserved());
            compare(differences, recipientId, "remaining", aggregate.remaining(), readModel.remaining());
            compare(differences, recipientId, "nextReleaseAt", aggregate.nextReleaseAt(), readModel.nextReleaseAt());
            compare(differences, recipientId, "nextReleaseAmount", aggregate.nextReleaseAmount(),
                    readModel.nextReleaseAmount());
        }
        return new Reconciliation(differences.isEmpty(), true, recipientIds.size(), differences, upTo);
    }

    private static void compare(List<Difference> differences, String recipientId, String field, Object aggregate,
                                Object readModel) {
        if (!Objects.equals(aggregate, readModel)) {
            differences.add(new Difference(recipientId, field, aggregate, readModel));
        }
    }
}

package com.quotaledger.api.admin;

import com.quotaledger.api.admin.Projections.ProcessorStatus;
import com.quotaledger.api.admin.Projections.ProjectedUpTo;
import com.quotaledger.api.recipient.Recipients;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.reports.Reports.QuotaNow;
import com.quotaledger.reports.Reports;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Operations on the read models: their status, their rebuild, and a check that they agree with the aggregates. */
@RestController
@RequestMapping("/api/v1/admin")
class AdminController {

    record ProcessorsJson(List<ProcessorStatus> processors) {
    }

    record ReplayJson(List<String> replaying) {
    }

    record Difference(String recipientId, String field, Object aggregate, Object readModel) {
    }

    record Reconciliation(boolean consistent, int recipientsChecked, List<Difference> differences,
                          ProjectedUpTo projectedUpTo) {
    }

    private final Projections projections;
    private final Reports reports;
    private final Recipients recipients;

    AdminController(Projections projections, Reports reports, Recipients recipients) {
        this.projections = projections;
        this.reports = reports;
        this.recipients = recipients;
    }

    @GetMapping("/projections")
    ProcessorsJson projections() {
        return new ProcessorsJson(projections.status());
    }

    @PostMapping("/projections/replay")
    ResponseEntity<ReplayJson> replay() {
        projections.replayAll();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new ReplayJson(Projections.READ_MODELS));
    }

    /**
     * Compares every registered recipient's quota in the read model with its aggregate's, at the instant the
     * aggregate answered. Differences while the read model is behind are expected; {@code projectedUpTo} says how far
     * it is.
     */
    @GetMapping("/reconcile")
    Reconciliation reconcile() {
        ProjectedUpTo upTo = projections.projectedUpTo(Reports.PROCESSING_GROUP);
        List<Difference> differences = new ArrayList<>();
        List<String> recipientIds = reports.recipientIds();
        for (String recipientId : recipientIds) {
            RecipientView view = recipients.describe(recipientId);
            Quota aggregate = view.postIds();
            QuotaNow readModel = reports.quotaOf(recipientId, view.asOf());
            compare(differences, recipientId, "limit", aggregate.limit(), readModel.limit());
            compare(differences, recipientId, "limitSource", aggregate.limitSource(), readModel.limitSource());
            compare(differences, recipientId, "used", aggregate.used(), readModel.used());
            compare(differences, recipientId, "remaining", aggregate.remaining(), readModel.remaining());
            compare(differences, recipientId, "nextReleaseAt", aggregate.nextReleaseAt(), readModel.nextReleaseAt());
            compare(differences, recipientId, "nextReleaseAmount", aggregate.nextReleaseAmount(),
                    readModel.nextReleaseAmount());
        }
        return new Reconciliation(differences.isEmpty(), recipientIds.size(), differences, upTo);
    }

    private static void compare(List<Difference> differences, String recipientId, String field, Object aggregate,
                                Object readModel) {
        if (!Objects.equals(aggregate, readModel)) {
            differences.add(new Difference(recipientId, field, aggregate, readModel));
        }
    }
}

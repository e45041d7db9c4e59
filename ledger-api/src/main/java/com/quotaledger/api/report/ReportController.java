package com.quotaledger.api.report;

import com.quotaledger.api.readmodels.Projections;
import com.quotaledger.api.readmodels.Projections.ProjectedUpTo;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.Csv;
import com.quotaledger.api.web.Instants;
import com.quotaledger.api.web.Refusals;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.readmodels.ReadModels;
import com.quotaledger.reports.Reports;
import com.quotaledger.reports.Reports.ExemptionEntry;
import com.quotaledger.reports.Reports.PartyToAcceptAgain;
import com.quotaledger.reports.Reports.OpenReservation;
import com.quotaledger.reports.Reports.QuotaNow;
import com.quotaledger.reports.Reports.RecipientUsage;
import com.quotaledger.terms.api.TermsInForce;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static com.quotaledger.api.web.ProblemReason.INVALID_FIELD;
import static com.quotaledger.api.web.ProblemReason.INVALID_PARAMETER;

/** Reports for auditors and compliance officers, each saying how current it is. */
@Tag(name = "Reports")
@RestController
@RequestMapping("/api/v1/reports")
class ReportController {

    /** The longest period one usage report covers. */
    static final long MAX_REPORT_DAYS = 3660;

    /** Usage over the days asked for; beside it, the reservations open at {@code asOf}, which hold IDs now. */
    record UsageReport(LocalDate from, LocalDate to, List<RecipientUsage> recipients, Instant asOf,
                       List<OpenReservation> openReservations, ProjectedUpTo projectedUpTo) {
    }

    record NearLimitReport(double threshold, Instant asOf, List<NearLimit> recipients, ProjectedUpTo projectedUpTo) {
    }

    /** {@code usedShare} is what is used and reserved, over the limit. */
    record NearLimit(String recipientId, long limit, String limitSource, long used, long reserved, long remaining,
                     double usedShare, Instant nextReleaseAt, long nextReleaseAmount) {

        static NearLimit of(QuotaNow quota) {
            return new NearLimit(quota.recipientId(), quota.limit(), quota.limitSource(), quota.used(),
                    quota.reserved(), quota.remaining(), quota.usedShare(), quota.nextReleaseAt(),
                    quota.nextReleaseAmount());
        }
    }

    record ExemptionReport(List<ExemptionEntry> exemptions, ProjectedUpTo projectedUpTo) {
    }

    record TermsToAcceptAgainReport(Instant at, List<PartyToAcceptAgain> parties, ProjectedUpTo projectedUpTo) {
    }

    private final Reports reports;
    private final Projections projections;
    private final Clock clock;
    private final ZoneId dayZone;
    private final TermsInForce termsInForce;

    ReportController(Reports reports, Projections projections, Clock clock,
                     ObjectExportPolicy objectExportPolicy, TermsInForce termsInForce) {
        this.reports = reports;
        this.projections = projections;
        this.clock = clock;
        this.dayZone = objectExportPolicy.dayZone();
        this.termsInForce = termsInForce;
    }

    @Operation(operationId = "getUsageReport",
            summary = "Usage by recipient over days: IDs by basis, objects, denials by reason; JSON or CSV")
    @Refusals(INVALID_FIELD)
    @GetMapping(value = "/usage", produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.ALL_VALUE})
    UsageReport usage(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Period period = period(from, to);
        Instant now = clock.instant();
        return new UsageReport(period.from(), period.to(), reports.usage(period.from(), period.to()), now,
                reports.openReservations(now), projections.projectedUpTo(ReadModels.PROCESSING_GROUP));
    }

    /** The same report, one line per figure: recipientId, metric, basis or reason, value. */
    @Operation(operationId = "getUsageReport",
            summary = "Usage by recipient over days: IDs by basis, objects, denials by reason; JSON or CSV")
    @Refusals(INVALID_FIELD)
    @GetMapping(value = "/usage", produces = Csv.MEDIA_TYPE)
    ResponseEntity<String> usageAsCsv(@RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to) throws IOException {
        Period period = period(from, to);
        StringWriter csv = new StringWriter();
        Csv.writeRow(csv, Arrays.asList("recipientId", "metric", "basisOrReason", "value"));
        for (RecipientUsage usage : reports.usage(period.from(), period.to())) {
            for (var basis : usage.idsGrantedByBasis().entrySet()) {
                Csv.writeRow(csv, Arrays.asList(usage.recipientId(), "postIdsGranted", basis.getKey(),
                        basis.getValue().postIds()));
                Csv.writeRow(csv, Arrays.asList(usage.recipientId(), "userIdsGranted", basis.getKey(),
                        basis.getValue().userIds()));
                Csv.writeRow(csv, Arrays.asList(usage.recipientId(), "directMessageIdsGranted", basis.getKey(),
                        basis.getValue().directMessageIds()));
                Csv.writeRow(csv, Arrays.asList(usage.recipientId(), "sharesGranted", basis.getKey(),
                        basis.getValue().shares()));
            }
            Csv.writeRow(csv, Arrays.asList(usage.recipientId(), "postObjectsExported", "",
                    usage.objectsExported().postObjects()));
            Csv.writeRow(csv, Arrays.asList(usage.recipientId(), "userObjectsExported", "",
                    usage.objectsExported().userObjects()));
            Csv.writeRow(csv, Arrays.asList(usage.recipientId(), "objectExports", "", usage.objectsExported().exports()));
            for (var denial : usage.shareDenialsByReason().entrySet()) {
                Csv.writeRow(csv, Arrays.asList(usage.recipientId(), "shareDenials", denial.getKey(), denial.getValue()));
            }
            for (var denial : usage.objectExportDenialsByReason().entrySet()) {
                Csv.writeRow(csv, Arrays.asList(usage.recipientId(), "objectExportDenials", denial.getKey(),
                        denial.getValue()));
            }
        }
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"usage.csv\"")
                .body(csv.toString());
    }

    @Operation(operationId = "getNearLimitReport",
            summary = "Recipients whose window holds at least a share of their limit")
    @Refusals({INVALID_FIELD, INVALID_PARAMETER})
    @GetMapping("/near-limit")
    NearLimitReport nearLimit(@RequestParam(defaultValue = "0.8") double threshold) {
        if (!(threshold >= 0 && threshold <= 100)) {
            throw ApiProblem.invalidField("threshold", "threshold must be a number between 0 and 100, such as 0.8.");
        }
        Instant now = clock.instant();
        List<NearLimit> recipients = new ArrayList<>();
        for (QuotaNow quota : reports.nearLimit(threshold, now)) {
            recipients.add(NearLimit.of(quota));
        }
        return new NearLimitReport(threshold, now, recipients, projections.projectedUpTo(ReadModels.PROCESSING_GROUP));
    }

    @Operation(operationId = "getExemptionReport",
            summary = "The exemption register: approvals, DSA accesses and limit permissions")
    @GetMapping("/exemptions")
    ExemptionReport exemptions() {
        return new ExemptionReport(reports.exemptions(), projections.projectedUpTo(ReadModels.PROCESSING_GROUP));
    }

    /**
     * Who must accept a document again: at {@code at} (by default now), their latest acceptance is older than the
     * version in force. An instant ahead shows who must accept a scheduled version before it takes effect.
     */
    @Operation(operationId = "getTermsToAcceptAgainReport",
            summary = "Recipients and persons whose accepted terms are older than those in force")
    @Refusals(INVALID_FIELD)
    @GetMapping("/terms-to-accept-again")
    TermsToAcceptAgainReport termsToAcceptAgain(@RequestParam(required = false) String at) {
        Instant instant = at == null ? clock.instant() : Instants.parse("at", at);
        return new TermsToAcceptAgainReport(instant, reports.toAcceptAgain(termsInForce.versions(), instant),
                projections.projectedUpTo(ReadModels.PROCESSING_GROUP));
    }

    private record Period(LocalDate from, LocalDate to) {
    }

    /** Calendar days, both included; by default the last 30 days up to today. */
    private Period period(String from, String to) {
        LocalDate today = clock.instant().atZone(dayZone).toLocalDate();
        LocalDate toDay = to == null ? today : date("to", to);
        LocalDate fromDay = from == null ? toDay.minusDays(29) : date("from", from);
        if (fromDay.isAfter(toDay)) {
            throw ApiProblem.invalidField("from", "from must not be after to.");
        }
        if (fromDay.plusDays(MAX_REPORT_DAYS).isBefore(toDay)) {
            throw ApiProblem.invalidField("from", "A report covers at most " + MAX_REPORT_DAYS + " days.");
        }
        return new Period(fromDay, toDay);
    }

    private static LocalDate date(String field, String value) {
        return Instants.parseDate(field, value);
    }
}

package com.quotaledger.reports;

import com.quotaledger.LedgerEvents;
import com.quotaledger.ReadModelDatabase;
import com.quotaledger.decision.DenialReason;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.reports.Reports.ExemptionEntry;
import com.quotaledger.reports.Reports.ExportedObjects;
import com.quotaledger.reports.Reports.GrantedIds;
import com.quotaledger.reports.Reports.QuotaNow;
import com.quotaledger.reports.Reports.RecipientUsage;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static com.quotaledger.LedgerEvents.approval;
import static com.quotaledger.LedgerEvents.denied;
import static com.quotaledger.LedgerEvents.dsaAccess;
import static com.quotaledger.LedgerEvents.exportDenied;
import static com.quotaledger.LedgerEvents.exportGranted;
import static com.quotaledger.LedgerEvents.granted;
import static com.quotaledger.LedgerEvents.permission;
import static com.quotaledger.LedgerEvents.quota;
import static com.quotaledger.LedgerEvents.registered;
import static com.quotaledger.LedgerEvents.request;
import static com.quotaledger.LedgerEvents.revoked;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Usage, denials, objects, the exemption register and the quota, as the report projections build them from events,
 * and the answers the reports give from them.
 */
class TheReportModelsFollowTheDecisionsAndExemptions {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final LocalDate DAY0 = LocalDate.parse("2026-03-01");
    static final Duration WINDOW = LedgerEvents.WINDOW;

    JdbcTemplate jdbc;
    Reports reports;
    AnnotationEventHandlerAdapter projection;
    LedgerEvents events;

    @BeforeEach
    void emptyModels() {
        start(ZoneId.of("UTC"));
    }

    void start(ZoneId dayZone) {
        jdbc = ReadModelDatabase.fresh();
        reports = new Reports(jdbc, RedistributionPolicy.defaults());
        projection = new AnnotationEventHandlerAdapter(new ReportProjections(jdbc, new ObjectExportPolicy(500, dayZone)));
        events = LedgerEvents.feeding(projection);
    }

    @Test
    void usageSumsGrantedIdsPerBasisOverTheDaysOfThePeriodBothIncluded() throws Exception {
        events.publishForRecipient(granted("a-1", "acme", 100, T0, 0));
        events.publishForRecipient(granted("a-2", "acme", 200, T0.plus(Duration.ofDays(1)), 100));
        events.publishForRecipient(granted("a-3", "acme", 400, T0.plus(Duration.ofDays(2)), 300));
        events.publishForRecipient(granted(request("a-4", "acme", null, new IdCounts(7, 8, 0),
                ShareBasis.academicApproval("ACAD-1")), T0, quota(1_500_000, "DEFAULT", 100, T0)));
        events.publishForRecipient(granted(request("a-5", "acme", null, new IdCounts(1, 2, 3),
                ShareBasis.dsaAccess("DSA-1")), T0, quota(1_500_000, "DEFAULT", 100, T0)));

        List<RecipientUsage> usage = reports.usage(DAY0, DAY0.plusDays(1));

        assertThat(usage).hasSize(1);
        assertThat(usage.get(0).recipientId()).isEqualTo("acme");
        assertThat(usage.get(0).idsGrantedByBasis()).isEqualTo(Map.of(
                "STANDARD", new GrantedIds(300, 0, 0, 2),
                "ACADEMIC_APPROVAL", new GrantedIds(7, 8, 0, 1),
                "DSA_ARTICLE_40", new GrantedIds(1, 2, 3, 1)));
        assertThat(reports.usage(DAY0.plusDays(2), DAY0.plusDays(2)).get(0).idsGrantedByBasis())
                .isEqualTo(Map.of("STANDARD", new GrantedIds(400, 0, 0, 1)));
        assertThat(reports.usage(DAY0.plusDays(3), DAY0.plusDays(9))).isEmpty();
    }

    @Test
    void usageCountsDenialsByReasonAndObjectsOfTheRecipientsPersons() throws Exception {
        events.publishForRecipient(denied("d-1", "acme", 10, DenialReason.TERMS_NOT_ACCEPTED, T0, 0));
        events.publishForRecipient(denied("d-2", "acme", 10, DenialReason.TERMS_NOT_ACCEPTED, T0.plusSeconds(1), 0));
        events.publishForRecipient(denied("d-3", "acme", 2_000_000, DenialReason.REQUEST_EXCEEDS_LIMIT, T0, 0));
        events.publishForRecipient(exportGranted("e-1", "p-1", "acme", 300, 100, T0, 0));
        events.publishForRecipient(exportGranted("e-2", "p-2", "acme", 50, 0, T0, 0));
        events.publishForRecipient(exportDenied("e-3", "p-1", "acme", 200, ExportChannel.MANUAL_DOWNLOAD,
                DenialReason.DAILY_OBJECT_LIMIT_EXCEEDED, T0, 400));
        events.publishForRecipient(exportDenied("e-4", "p-9", null, 1, ExportChannel.MANUAL_DOWNLOAD,
                DenialReason.PERSON_NOT_AFFILIATED, T0, 0));

        List<RecipientUsage> usage = reports.usage(DAY0, DAY0);

        assertThat(usage).extracting(RecipientUsage::recipientId).containsExactly("acme");
        RecipientUsage acme = usage.get(0);
        assertThat(acme.idsGrantedByBasis()).isEmpty();
        assertThat(acme.shareDenialsByReason())
                .isEqualTo(Map.of("TERMS_NOT_ACCEPTED", 2L, "REQUEST_EXCEEDS_LIMIT", 1L));
        assertThat(acme.objectsExported()).isEqualTo(new ExportedObjects(350, 100, 2));
        assertThat(acme.objectExportDenialsByReason()).isEqualTo(Map.of("DAILY_OBJECT_LIMIT_EXCEEDED", 1L));
    }

    @Test
    void aShareCountsOnTheCalendarDayOfTheConfiguredZone() throws Exception {
        start(ZoneId.of("Pacific/Auckland"));
        Instant eveningInUtc = Instant.parse("2026-03-01T20:00:00Z");
        events.publishForRecipient(granted("a-1", "acme", 100, eveningInUtc, 0));

        assertThat(reports.usage(DAY0, DAY0)).isEmpty();
        assertThat(reports.usage(DAY0.plusDays(1), DAY0.plusDays(1))).hasSize(1);
    }

    @Test
    void theRegisterKeepsEveryExemptionWithWhatWasSharedUnderIt() throws Exception {
        Instant until = T0.plus(Duration.ofDays(365));
        events.publishForRecipient(approval("uni", "ACAD-1", 5_000_000, 100_000, T0, until, T0));
        events.publishForRecipient(dsaAccess("uni", "DSA-1", T0, until, T0));
        events.publishForRecipient(permission("acme", "PERM-1", 3_000_000, T0, until, T0));
        events.publishForRecipient(granted(request("u-1", "uni", null, new IdCounts(2_000_000, 5_000, 0),
                ShareBasis.academicApproval("ACAD-1")), T0, quota(1_500_000, "DEFAULT", 0, T0)));
        events.publishForRecipient(granted(request("u-2", "uni", null, new IdCounts(1_000, 0, 9),
                ShareBasis.dsaAccess("DSA-1")), T0, quota(1_500_000, "DEFAULT", 0, T0)));
        events.publishForRecipient(granted(request("c-1", "acme", null, new IdCounts(2_500_000, 0, 0),
                ShareBasis.STANDARD), T0, quota(3_000_000, "PERM-1", 2_500_000, T0)));
        events.publishForRecipient(granted("c-2", "acme", 1, T0.plusSeconds(1), 2_500_000));
        events.publishForRecipient(revoked("uni", ExemptionKind.DSA_ARTICLE_40, "DSA-1", T0.plusSeconds(60)));

        List<ExemptionEntry> register = reports.exemptions();

        assertThat(register).extracting(ExemptionEntry::recipientId, ExemptionEntry::kind,
                        ExemptionEntry::exemptionId)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("acme", "LIMIT_PERMISSION", "PERM-1"),
                        org.assertj.core.groups.Tuple.tuple("uni", "ACADEMIC_APPROVAL", "ACAD-1"),
                        org.assertj.core.groups.Tuple.tuple("uni", "DSA_ARTICLE_40", "DSA-1"));
        ExemptionEntry permission = register.get(0);
        assertThat(permission.postIdLimit()).isEqualTo(3_000_000);
        assertThat(permission.usedPostIds()).isEqualTo(2_500_000);
        assertThat(permission.sharesGranted()).isEqualTo(1);
        assertThat(permission.revokedAt()).isNull();
        assertThat(permission.validFrom()).isEqualTo(T0);
        assertThat(permission.validUntil()).isEqualTo(until);
        assertThat(permission.grantedBy()).isEqualTo("officer@ledger.example");
        assertThat(permission.reference()).isNotBlank();
        ExemptionEntry academic = register.get(1);
        assertThat(academic.institution()).isEqualTo("University");
        assertThat(academic.purpose()).isEqualTo("NON_COMMERCIAL_RESEARCH");
        assertThat(List.of(academic.approvedPostIds(), academic.approvedUserIds()))
                .containsExactly(5_000_000L, 100_000L);
        assertThat(List.of(academic.usedPostIds(), academic.usedUserIds(), academic.sharesGranted()))
                .containsExactly(2_000_000L, 5_000L, 1L);
        ExemptionEntry dsa = register.get(2);
        assertThat(List.of(dsa.usedPostIds(), dsa.usedDirectMessageIds(), dsa.sharesGranted()))
                .containsExactly(1_000L, 9L, 1L);
        assertThat(dsa.revokedAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void theQuotaCountsStandardSharesInsideTheWindowOnly() throws Exception {
        events.publishForRecipient(registered("acme", T0));
        events.publishForRecipient(granted("a-1", "acme", 100, T0, 0));
        events.publishForRecipient(granted("a-2", "acme", 200, T0.plus(Duration.ofDays(10)), 100));
        events.publishForRecipient(granted(request("a-3", "acme", null, new IdCounts(5_000_000, 0, 0),
                        ShareBasis.dsaAccess("DSA-1")), T0.plus(Duration.ofDays(10)),
                quota(1_500_000, "DEFAULT", 300, T0.plus(Duration.ofDays(10)))));

        QuotaNow justBefore = reports.quotaOf("acme", T0.plus(WINDOW).minusNanos(1));
        assertThat(justBefore).isEqualTo(new QuotaNow("acme", 1_500_000, "DEFAULT", 300, 0, 1_499_700,
                T0.plus(WINDOW), 100));
        QuotaNow atRelease = reports.quotaOf("acme", T0.plus(WINDOW));
        assertThat(atRelease).isEqualTo(new QuotaNow("acme", 1_500_000, "DEFAULT", 200, 0, 1_499_800,
                T0.plus(Duration.ofDays(10)).plus(WINDOW), 200));
        QuotaNow empty = reports.quotaOf("acme", T0.plus(Duration.ofDays(40)));
        assertThat(empty).isEqualTo(new QuotaNow("acme", 1_500_000, "DEFAULT", 0, 0, 1_500_000, null, 0));
        assertThat(reports.recipientIds()).containsExactly("acme");
    }

    @Test
    void theLimitIsTheValidPermissionsWhileItHoldsAndTheDefaultAfter() throws Exception {
        Instant from = T0.plus(Duration.ofDays(1));
        Instant until = T0.plus(Duration.ofDays(5));
        events.publishForRecipient(registered("acme", T0));
        events.publishForRecipient(granted("a-1", "acme", 1_400_000, T0, 0));
        events.publishForRecipient(permission("acme", "PERM-1", 2_000_000, from, until, T0));
        events.publishForRecipient(permission("acme", "PERM-LOW", 1_000_000, from, until, T0));

        assertThat(reports.quotaOf("acme", from.minusNanos(1)).limitSource()).isEqualTo("DEFAULT");
        QuotaNow during = reports.quotaOf("acme", from);
        assertThat(during.limit()).isEqualTo(2_000_000);
        assertThat(during.limitSource()).isEqualTo("PERM-1");
        assertThat(during.remaining()).isEqualTo(600_000);
        QuotaNow after = reports.quotaOf("acme", until);
        assertThat(after.limit()).isEqualTo(1_500_000);
        assertThat(after.limitSource()).isEqualTo("DEFAULT");
        assertThat(after.used()).isEqualTo(1_400_000);

        events.publishForRecipient(revoked("acme", ExemptionKind.LIMIT_PERMISSION, "PERM-1", from.plusSeconds(60)));
        assertThat(reports.quotaOf("acme", from.plusSeconds(59)).limitSource()).isEqualTo("PERM-1");
        assertThat(reports.quotaOf("acme", from.plusSeconds(60)).limitSource()).isEqualTo("DEFAULT");
    }

    @Test
    void nearLimitListsRecipientsAtOrAboveTheThresholdHighestFirst() throws Exception {
        events.publishForRecipient(granted("a-1", "acme", 1_200_000, T0, 0));
        events.publishForRecipient(granted("b-1", "beta", 1_350_000, T0, 0));
        events.publishForRecipient(granted("c-1", "gamma", 1_199_999, T0, 0));
        events.publishForRecipient(registered("idle", T0));

        assertThat(reports.nearLimit(0.8, T0)).extracting(QuotaNow::recipientId).containsExactly("beta", "acme");
        assertThat(reports.nearLimit(0.0, T0)).extracting(QuotaNow::recipientId)
                .containsExactly("beta", "acme", "gamma");
        assertThat(reports.nearLimit(0.8, T0.plus(WINDOW))).isEmpty();
    }

    @Test
    void aResetEmptiesEveryReportModel() throws Exception {
        events.publishForRecipient(registered("acme", T0));
        events.publishForRecipient(granted("a-1", "acme", 100, T0, 0));
        events.publishForRecipient(denied("d-1", "acme", 10, DenialReason.TERMS_NOT_ACCEPTED, T0, 0));
        events.publishForRecipient(exportGranted("e-1", "p-1", "acme", 1, 0, T0, 0));
        events.publishForRecipient(permission("acme", "PERM-1", 2_000_000, T0, T0.plusSeconds(60), T0));

        projection.prepareReset();

        assertThat(reports.usage(DAY0, DAY0)).isEmpty();
        assertThat(reports.exemptions()).isEmpty();
        assertThat(reports.recipientIds()).isEmpty();
        assertThat(reports.quotaOf("acme", T0).used()).isZero();
    }
}

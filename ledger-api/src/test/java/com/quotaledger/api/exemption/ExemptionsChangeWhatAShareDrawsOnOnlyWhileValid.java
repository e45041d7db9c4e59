package com.quotaledger.api.exemption;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.api.ExemptionRequests.academicApproval;
import static com.quotaledger.api.ExemptionRequests.dsaAccess;
import static com.quotaledger.api.ExemptionRequests.grant;
import static com.quotaledger.api.ExemptionRequests.limitPermission;
import static com.quotaledger.api.ExemptionRequests.revoke;
import static com.quotaledger.api.ExemptionRequests.shareUnderApproval;
import static com.quotaledger.api.ExemptionRequests.shareUnderDsaAccess;
import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Academic approvals, DSA Art. 40 access and written limit permissions each change what a share draws on, in
 * [validFrom, validUntil) on the ledger's clock and until revoked, and not a millisecond outside. Walked through with
 * the test clock.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
class ExemptionsChangeWhatAShareDrawsOnOnlyWhileValid {

    private static final long DEFAULT_LIMIT = 1_500_000;
    private static final Duration DAY = Duration.ofDays(1);

    LedgerClient ledger;

    @Test
    void sharesUnderAnAcademicApprovalDrawOnItsBudgetInsteadOfTheRollingLimit() {
        ledger.registerWithAllTerms("uni");
        ledger.registerWithAllTerms("other-uni");
        Instant t0 = ledger.clockNow();
        Instant from = t0.plus(DAY);
        Instant until = t0.plus(DAY.multipliedBy(3));

        Answer granted = grant(ledger, "uni", "academic-approvals",
                academicApproval("ACAD-1", 2_000_000, 1_000, from, until));
        assertThat(granted.status()).as("%s", granted).isEqualTo(201);
        JsonNode approval = granted.json();
        assertThat(approval.path("approvalId").asText()).isEqualTo("ACAD-1");
        assertThat(approval.path("institution").asText()).isEqualTo("University of Somewhere");
        assertThat(approval.path("purpose").asText()).isEqualTo("NON_COMMERCIAL_RESEARCH");
        assertThat(approval.path("approvedPostIds").asLong()).isEqualTo(2_000_000);
        assertThat(approval.path("remainingUserIds").asLong()).isEqualTo(1_000);
        assertThat(instant(approval, "validFrom")).isEqualTo(from);
        assertThat(instant(approval, "validUntil")).isEqualTo(until);
        assertThat(approval.path("validNow").asBoolean()).isFalse();
        assertThat(approval.path("writtenApprovalReference").asText()).isEqualTo("X letter 2026-10-01");
        assertThat(approval.path("grantedBy").asText()).isEqualTo("officer@us.example");
        assertThat(instant(approval, "grantedAt")).isEqualTo(t0);
        assertProblem(grant(ledger, "uni", "academic-approvals",
                academicApproval("ACAD-1", 1, 1, from, until)), 409, "EXEMPTION_ALREADY_EXISTS");

        assertProblem(ledger.share(shareUnderApproval("uni-early", "uni", 10, 0, 0, "ACAD-1")), 422,
                "APPROVAL_NOT_VALID");

        ledger.advanceClock("P1D");
        Answer overTheRollingLimit = ledger.share(shareUnderApproval("uni-1", "uni", 1_600_000, 500, 0, "ACAD-1"));
        assertThat(overTheRollingLimit.status()).as("from validFrom on: %s", overTheRollingLimit).isEqualTo(201);
        assertThat(overTheRollingLimit.json().path("quota").path("used").asLong()).isZero();
        assertThat(overTheRollingLimit.json().path("approval").path("remainingPostIds").asLong()).isEqualTo(400_000);
        assertThat(overTheRollingLimit.json().path("basis").path("type").asText()).isEqualTo("ACADEMIC_APPROVAL");

        assertProblem(ledger.share(shareUnderApproval("uni-dm", "uni", 10, 0, 1, "ACAD-1")), 422,
                "BASIS_DOES_NOT_COVER_DM_IDS");
        assertProblem(ledger.share(shareUnderApproval("uni-posts", "uni", 400_001, 0, 0, "ACAD-1")), 422,
                "APPROVAL_EXHAUSTED");
        JsonNode exhausted = assertProblem(ledger.share(shareUnderApproval("uni-users", "uni", 1, 501, 0, "ACAD-1")),
                422, "APPROVAL_EXHAUSTED");
        assertThat(exhausted.path("approval").path("remainingUserIds").asLong()).isEqualTo(500);
        assertThat(ledger.share(shareUnderApproval("uni-2", "uni", 400_000, 0, 0, "ACAD-1")).status())
                .as("the rest of the budget").isEqualTo(201);
        assertProblem(ledger.share(shareUnderApproval("uni-unknown", "uni", 1, 0, 0, "ACAD-9")), 422,
                "APPROVAL_NOT_FOUND");
        assertProblem(ledger.share(shareUnderApproval("uni-foreign", "other-uni", 1, 0, 0, "ACAD-1")), 422,
                "APPROVAL_NOT_FOUND");
        assertThat(ledger.share(share("uni-standard", "uni", DEFAULT_LIMIT)).status())
                .as("the rolling limit is untouched by the approval").isEqualTo(201);

        JsonNode listed = ledger.quota("uni").json().path("academicApprovals").get(0);
        assertThat(listed.path("usedPostIds").asLong()).isEqualTo(2_000_000);
        assertThat(listed.path("usedUserIds").asLong()).isEqualTo(500);
        assertThat(listed.path("remainingPostIds").asLong()).isZero();
        assertThat(listed.path("remainingUserIds").asLong()).isEqualTo(500);
        assertThat(listed.path("validNow").asBoolean()).isTrue();

        ledger.advanceClock(DAY.multipliedBy(2).minusMillis(1).toString());
        assertThat(ledger.share(shareUnderApproval("uni-last", "uni", 0, 1, 0, "ACAD-1")).status())
                .as("a millisecond before validUntil").isEqualTo(201);
        ledger.advanceClock("PT0.001S");
        assertProblem(ledger.share(shareUnderApproval("uni-late", "uni", 0, 1, 0, "ACAD-1")), 422,
                "APPROVAL_NOT_VALID");
        assertThat(ledger.quota("uni").json().path("academicApprovals").get(0).path("validNow").asBoolean())
                .isFalse();
    }

    @Test
    void aRevokedAcademicApprovalCoversNothingMore() {
        ledger.registerWithAllTerms("revoked-uni");
        Instant t0 = ledger.clockNow();
        assertThat(grant(ledger, "revoked-uni", "academic-approvals",
                academicApproval("ACAD-R", 1_000, 0, t0, t0.plus(DAY))).status()).isEqualTo(201);
        assertThat(ledger.share(shareUnderApproval("rev-1", "revoked-uni", 100, 0, 0, "ACAD-R")).status())
                .isEqualTo(201);

        ledger.advanceClock("PT1S");
        Answer revoked = revoke(ledger, "revoked-uni", "academic-approvals", "ACAD-R");

        assertThat(revoked.status()).as("%s", revoked).isEqualTo(204);
        assertProblem(ledger.share(shareUnderApproval("rev-2", "revoked-uni", 100, 0, 0, "ACAD-R")), 422,
                "APPROVAL_NOT_VALID");
        JsonNode listed = ledger.quota("revoked-uni").json().path("academicApprovals").get(0);
        assertThat(instant(listed, "revokedAt")).isEqualTo(t0.plusSeconds(1));
        assertThat(listed.path("validNow").asBoolean()).isFalse();
        assertThat(listed.path("usedPostIds").asLong()).as("what was granted stays granted").isEqualTo(100);
        assertProblem(revoke(ledger, "revoked-uni", "academic-approvals", "ACAD-X"), 404, "EXEMPTION_NOT_FOUND");
        assertProblem(revoke(ledger, "revoked-uni", "dsa-access", "ACAD-R"), 404, "EXEMPTION_NOT_FOUND");
    }

    @Test
    void anAcademicApprovalDoesNotReplaceTheTerms() {
        assertThat(ledger.post("/api/v1/recipients", Requests.registration("termless-uni")).status()).isEqualTo(201);
        Instant t0 = ledger.clockNow();
        assertThat(grant(ledger, "termless-uni", "academic-approvals",
                academicApproval("ACAD-T", 1_000, 0, t0, t0.plus(DAY))).status()).isEqualTo(201);

        assertProblem(ledger.share(shareUnderApproval("termless-1", "termless-uni", 1, 0, 0, "ACAD-T")), 422,
                "TERMS_NOT_ACCEPTED");
    }

    @Test
    void dsaAccessIsGrantedOutsideTheLimitsAndTheTermsWhileValid() {
        assertThat(ledger.post("/api/v1/recipients", Requests.registration("dsa")).status()).isEqualTo(201);
        Instant t0 = ledger.clockNow();
        Instant from = t0.plus(DAY);
        Instant until = t0.plus(DAY.multipliedBy(2));

        Answer granted = grant(ledger, "dsa", "dsa-access", dsaAccess("DSA-7", from, until));
        assertThat(granted.status()).as("%s", granted).isEqualTo(201);
        JsonNode access = granted.json();
        assertThat(access.path("accessId").asText()).isEqualTo("DSA-7");
        assertThat(access.path("reference").asText()).isEqualTo("DSC decision 2026/113");
        assertThat(instant(access, "validFrom")).isEqualTo(from);
        assertThat(instant(access, "validUntil")).isEqualTo(until);
        assertThat(access.path("validNow").asBoolean()).isFalse();
        assertThat(instant(access, "grantedAt")).isEqualTo(t0);
        assertProblem(grant(ledger, "dsa", "dsa-access", dsaAccess("DSA-7", from, until)), 409,
                "EXEMPTION_ALREADY_EXISTS");

        assertProblem(ledger.share(shareUnderDsaAccess("dsa-early", "dsa", 10, "DSA-7")), 422,
                "APPROVAL_NOT_VALID");
        ledger.advanceClock("P1D");
        for (int i = 1; i <= 2; i++) {
            Answer huge = ledger.share(shareUnderDsaAccess("dsa-" + i, "dsa", 3_000_000, "DSA-7"));
            assertThat(huge.status()).as("without terms, over the limit: %s", huge).isEqualTo(201);
            assertThat(huge.json().path("quota").path("used").asLong()).isZero();
        }
        assertProblem(ledger.share(shareUnderDsaAccess("dsa-unknown", "dsa", 1, "DSA-8")), 422,
                "APPROVAL_NOT_FOUND");
        assertProblem(ledger.share(share("dsa-standard", "dsa", 1)), 422, "TERMS_NOT_ACCEPTED");
        assertThat(ledger.quota("dsa").json().path("dsaAccesses").get(0).path("validNow").asBoolean()).isTrue();

        ledger.advanceClock("P1D");
        assertProblem(ledger.share(shareUnderDsaAccess("dsa-late", "dsa", 1, "DSA-7")), 422, "APPROVAL_NOT_VALID");
        assertThat(ledger.quota("dsa").json().path("dsaAccesses").get(0).path("validNow").asBoolean()).isFalse();

        Instant now = ledger.clockNow();
        assertThat(grant(ledger, "dsa", "dsa-access", dsaAccess("DSA-9", now, now.plus(DAY))).status())
                .isEqualTo(201);
        assertThat(ledger.share(shareUnderDsaAccess("dsa-9-1", "dsa", 1, "DSA-9")).status()).isEqualTo(201);
        assertThat(revoke(ledger, "dsa", "dsa-access", "DSA-9").status()).isEqualTo(204);
        assertProblem(ledger.share(shareUnderDsaAccess("dsa-9-2", "dsa", 1, "DSA-9")), 422, "APPROVAL_NOT_VALID");
        assertProblem(revoke(ledger, "dsa", "dsa-access", "DSA-0"), 404, "EXEMPTION_NOT_FOUND");
    }

    @Test
    void aLimitPermissionRaisesTheRollingLimitUntilItEnds() {
        ledger.registerWithAllTerms("perm");
        Instant t0 = ledger.clockNow();
        assertThat(ledger.share(share("perm-1", "perm", 1_000_000)).status()).isEqualTo(201);

        Answer granted = grant(ledger, "perm", "limit-permissions",
                limitPermission("PERM-9", 3_000_000, t0, t0.plus(DAY.multipliedBy(2))));
        assertThat(granted.status()).as("%s", granted).isEqualTo(201);
        JsonNode permission = granted.json();
        assertThat(permission.path("permissionId").asText()).isEqualTo("PERM-9");
        assertThat(permission.path("postIdLimit").asLong()).isEqualTo(3_000_000);
        assertThat(permission.path("validNow").asBoolean()).isTrue();
        assertThat(permission.path("writtenPermissionReference").asText()).isEqualTo("X letter 2026-11-02");
        assertThat(grant(ledger, "perm", "limit-permissions",
                limitPermission("PERM-2", 2_000_000, t0, t0.plus(DAY.multipliedBy(5)))).status()).isEqualTo(201);
        assertThat(grant(ledger, "perm", "limit-permissions",
                limitPermission("PERM-LOW", 1_000, t0, t0.plus(DAY.multipliedBy(5)))).status()).isEqualTo(201);
        assertProblem(grant(ledger, "perm", "limit-permissions",
                limitPermission("PERM-9", 1, t0, t0.plus(DAY))), 409, "EXEMPTION_ALREADY_EXISTS");
        assertLimit(3_000_000, "PERM-9", 1_000_000);
        assertThat(ledger.quota("perm").json().path("limitPermissions").size()).isEqualTo(3);

        Answer aboveTheDefault = ledger.share(share("perm-2", "perm", 1_500_000));
        assertThat(aboveTheDefault.status()).as("%s", aboveTheDefault).isEqualTo(201);
        JsonNode quota = aboveTheDefault.json().path("quota");
        assertThat(quota.path("limit").asLong()).isEqualTo(3_000_000);
        assertThat(quota.path("limitSource").asText()).isEqualTo("PERM-9");
        assertThat(quota.path("used").asLong()).isEqualTo(2_500_000);

        ledger.advanceClock(DAY.multipliedBy(2).minusMillis(1).toString());
        assertLimit(3_000_000, "PERM-9", 2_500_000);
        ledger.advanceClock("PT0.001S");
        assertLimit(2_000_000, "PERM-2", 2_500_000);
        JsonNode refused = assertProblem(ledger.share(share("perm-3", "perm", 1)), 429, "ROLLING_LIMIT_EXCEEDED");
        assertThat(refused.path("quota").path("limitSource").asText()).isEqualTo("PERM-2");

        assertThat(revoke(ledger, "perm", "limit-permissions", "PERM-2").status()).isEqualTo(204);
        assertLimit(DEFAULT_LIMIT, "DEFAULT", 2_500_000);
        assertProblem(ledger.share(share("perm-4", "perm", 1)), 429, "ROLLING_LIMIT_EXCEEDED");
        assertProblem(ledger.share(share("perm-5", "perm", DEFAULT_LIMIT + 1)), 422, "REQUEST_EXCEEDS_LIMIT");
        assertProblem(revoke(ledger, "perm", "limit-permissions", "PERM-0"), 404, "EXEMPTION_NOT_FOUND");
    }

    @Test
    void everyExemptionThatCanBeGrantedCanBeRevokedSlashesInItsIdIncluded() {
        ledger.registerWithAllTerms("slashes");
        Instant t0 = ledger.clockNow();
        Instant until = t0.plus(DAY.multipliedBy(30));
        assertThat(grant(ledger, "slashes", "dsa-access", dsaAccess("DSA/2026/7", t0, until)).status())
                .isEqualTo(201);
        assertThat(grant(ledger, "slashes", "academic-approvals",
                academicApproval("ACAD/2026/1", 10, 10, t0, until)).status()).isEqualTo(201);
        assertThat(grant(ledger, "slashes", "limit-permissions",
                limitPermission("PERM/2026/3", 2_000_000, t0, until)).status()).isEqualTo(201);
        assertThat(ledger.share(shareUnderDsaAccess("slash-1", "slashes", 10, "DSA/2026/7")).status())
                .isEqualTo(201);

        assertThat(revoke(ledger, "slashes", "dsa-access", "DSA/2026/7").status()).isEqualTo(204);
        assertThat(revoke(ledger, "slashes", "academic-approvals", "ACAD/2026/1").status()).isEqualTo(204);
        assertThat(revoke(ledger, "slashes", "limit-permissions", "PERM/2026/3").status()).isEqualTo(204);

        assertProblem(ledger.share(shareUnderDsaAccess("slash-2", "slashes", 10, "DSA/2026/7")), 422,
                "APPROVAL_NOT_VALID");
        assertProblem(ledger.share(shareUnderApproval("slash-3", "slashes", 1, 0, 0, "ACAD/2026/1")), 422,
                "APPROVAL_NOT_VALID");
        assertThat(ledger.quota("slashes").json().path("limitSource").asText()).isEqualTo("DEFAULT");
        assertProblem(revoke(ledger, "slashes", "dsa-access", "DSA/2026"), 404, "EXEMPTION_NOT_FOUND");
        assertProblem(revoke(ledger, "slashes", "dsa-access", "DSA/2026/7/8"), 404, "EXEMPTION_NOT_FOUND");
    }

    @Test
    void aShareThatFitsOnlyUnderAPermissionRecordedForLaterWaitsForItsStart() {
        ledger.registerWithAllTerms("next-month");
        Instant t0 = ledger.clockNow();
        Instant start = t0.plus(DAY.multipliedBy(5));
        assertThat(grant(ledger, "next-month", "limit-permissions",
                limitPermission("PERM-NEXT", 2_000_000, start, start.plus(DAY.multipliedBy(10)))).status())
                .isEqualTo(201);

        Answer waits = ledger.share(share("next-1", "next-month", 1_800_000));
        JsonNode denied = assertProblem(waits, 429, "ROLLING_LIMIT_EXCEEDED");
        assertThat(instant(denied, "retryAt")).isEqualTo(start);
        assertThat(waits.header("Retry-After")).contains(Long.toString(DAY.multipliedBy(5).toSeconds()));

        ledger.advanceClock(DAY.multipliedBy(5).toString());
        assertThat(ledger.share(share("next-2", "next-month", 1_800_000)).status()).isEqualTo(201);
    }

    @Test
    void aShareThatFitsNeitherUnderAPermissionNorAfterItIsTooLargeAndSaysWhy() {
        ledger.registerWithAllTerms("ten-days");
        Instant t0 = ledger.clockNow();
        assertThat(grant(ledger, "ten-days", "limit-permissions",
                limitPermission("PERM-10", 5_000_000, t0, t0.plus(DAY.multipliedBy(10)))).status()).isEqualTo(201);
        assertThat(ledger.share(share("ten-1", "ten-days", 4_000_000)).status()).isEqualTo(201);

        Answer never = ledger.share(share("ten-2", "ten-days", 2_000_000));
        JsonNode denied = assertProblem(never, 422, "REQUEST_EXCEEDS_LIMIT");
        assertThat(denied.path("detail").asText()).contains("fits at no instant from now on");
        assertThat(denied.has("retryAt")).isFalse();
        assertThat(never.header("Retry-After")).isEmpty();

        JsonNode later = assertProblem(ledger.share(share("ten-3", "ten-days", 1_200_000)), 429,
                "ROLLING_LIMIT_EXCEEDED");
        assertThat(instant(later, "retryAt")).isEqualTo(instant(later.path("quota"), "nextReleaseAt"));
    }

    @Test
    void aShareCountingNothingIsGrantedWhileTheWindowIsAboveALoweredLimit() {
        ledger.registerWithAllTerms("lowered");
        Instant t0 = ledger.clockNow();
        assertThat(grant(ledger, "lowered", "limit-permissions",
                limitPermission("PERM-L", 5_000_000, t0, t0.plus(DAY))).status()).isEqualTo(201);
        assertThat(ledger.share(share("lowered-1", "lowered", 4_000_000)).status()).isEqualTo(201);
        ledger.advanceClock(DAY.multipliedBy(2).toString());

        Answer userIdsOnly = ledger.share(share("lowered-2", "lowered", 0, 1_000, 0, null));
        assertThat(userIdsOnly.status()).as("%s", userIdsOnly).isEqualTo(201);
        assertThat(userIdsOnly.json().path("quota").path("used").asLong()).isEqualTo(4_000_000);
        assertProblem(ledger.share(share("lowered-3", "lowered", 1)), 429, "ROLLING_LIMIT_EXCEEDED");
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            academic-approvals | validFrom equal to validUntil | 2026-01-01T00:00:00Z      | 2026-01-01T00:00:00Z
            academic-approvals | validFrom after validUntil    | 2026-01-02T00:00:00Z      | 2026-01-01T00:00:00Z
            academic-approvals | no offset                     | 2026-01-01T00:00:00       | 2027-01-01T00:00:00Z
            dsa-access         | validFrom equal to validUntil | 2026-01-01T00:00:00+02:00 | 2025-12-31T22:00:00Z
            dsa-access         | a date without a time         | 2026-01-01                | 2027-01-01T00:00:00Z
            dsa-access         | not a date                    | tomorrow                  | 2027-01-01T00:00:00Z
            limit-permissions  | validFrom after validUntil    | 2027-01-01T00:00:00Z      | 2026-01-01T00:00:00Z
            limit-permissions  | no offset                     | 2026-01-01T00:00:00Z      | 2027-01-01T00:00
            limit-permissions  | validUntil in the year 300000 | 2026-01-01T00:00:00Z      | +300000-01-01T00:00:00Z
            dsa-access         | validUntil in the year 10000  | 2026-01-01T00:00:00Z      | +10000-01-01T00:00:00Z
            academic-approvals | validFrom before 1970         | 1969-12-31T23:59:59Z      | 2027-01-01T00:00:00Z
            """)
    void anExemptionWithoutAProperValidityIsRefused(String kindPath, String what, String validFrom,
                                                     String validUntil) {
        String recipientId = "invalid-" + kindPath;
        if (ledger.get("/api/v1/recipients/" + recipientId).status() == 404) {
            ledger.registerWithAllTerms(recipientId);
        }

        assertProblem(grant(ledger, recipientId, kindPath, exemption(kindPath, "BAD-1", validFrom, validUntil)), 400,
                "INVALID_FIELD");

        JsonNode quota = ledger.quota(recipientId).json();
        assertThat(quota.path("academicApprovals").size() + quota.path("dsaAccesses").size()
                + quota.path("limitPermissions").size()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"academic-approvals", "dsa-access", "limit-permissions"})
    void exemptionsOfAnUnknownRecipientAreNotFound(String kindPath) {
        String body = exemption(kindPath, "ANY-1", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z");
        assertProblem(grant(ledger, "no-such-recipient", kindPath, body), 404, "RECIPIENT_NOT_FOUND");
        assertProblem(revoke(ledger, "no-such-recipient", kindPath, "ANY-1"), 404, "RECIPIENT_NOT_FOUND");
    }

    @Test
    void validityWithAnOffsetIsTheInstantItNames() {
        ledger.registerWithAllTerms("offset");
        Answer granted = grant(ledger, "offset", "limit-permissions",
                limitPermission("PERM-TZ", 2_000_000, "2026-01-01T02:00:00+02:00", "2026-06-30T19:00:00-05:00"));
        assertThat(granted.status()).as("%s", granted).isEqualTo(201);
        assertThat(instant(granted.json(), "validFrom")).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(instant(granted.json(), "validUntil")).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
    }

    private void assertLimit(long limit, String limitSource, long used) {
        JsonNode quota = ledger.quota("perm").json();
        assertThat(quota.path("limitSource").asText()).as("%s", quota).isEqualTo(limitSource);
        assertThat(quota.path("postIds").path("limitSource").asText()).as("%s", quota).isEqualTo(limitSource);
        assertThat(quota.path("postIds").path("limit").asLong()).as("%s", quota).isEqualTo(limit);
        assertThat(quota.path("postIds").path("used").asLong()).as("%s", quota).isEqualTo(used);
        assertThat(quota.path("postIds").path("remaining").asLong()).as("%s", quota)
                .isEqualTo(Math.max(0, limit - used));
    }

    private static String exemption(String kindPath, String id, String validFrom, String validUntil) {
        return switch (kindPath) {
            case "academic-approvals" -> academicApproval(id, 10, 10, validFrom, validUntil);
            case "dsa-access" -> dsaAccess(id, validFrom, validUntil);
            case "limit-permissions" -> limitPermission(id, 2_000_000, validFrom, validUntil);
            default -> throw new IllegalArgumentException(kindPath);
        };
    }
}

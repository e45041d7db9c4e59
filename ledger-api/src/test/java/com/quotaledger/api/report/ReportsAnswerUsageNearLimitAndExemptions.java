package com.quotaledger.api.report;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.MixedWorkload;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Usage per recipient and period as JSON and CSV, recipients near their limit, and the exemption register. */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportsAnswerUsageNearLimitAndExemptions {

    LedgerClient ledger;
    MixedWorkload.Ids ids;
    LocalDate firstDay;

    @BeforeAll
    void decideAMixedWorkload() {
        ids = MixedWorkload.run(ledger, "rep");
        firstDay = ids.start().atZone(ZoneOffset.UTC).toLocalDate();
        MixedWorkload.awaitReadModelsCaughtUp(ledger, Duration.ofSeconds(10));
    }

    @Test
    void usageSumsWhatEachRecipientReceivedAndWasRefused() {
        JsonNode report = ledger.get("/api/v1/reports/usage?from=" + firstDay + "&to=" + firstDay.plusDays(1)).json();

        assertThat(report.path("from").asText()).isEqualTo(firstDay.toString());
        assertThat(report.path("to").asText()).isEqualTo(firstDay.plusDays(1).toString());
        JsonNode recipients = report.path("recipients");
        assertThat(recipients.findValuesAsText("recipientId")).containsExactly("rep-acme", "rep-beta", "rep-gamma");
        JsonNode acme = recipients.get(0);
        assertGranted(acme, "STANDARD", 2_200_000, 0, 0, 2);
        assertGranted(acme, "DSA_ARTICLE_40", 3_000_000, 0, 0, 1);
        assertThat(acme.path("objectsExported").toString())
                .isEqualTo("{\"postObjects\":401,\"userObjects\":100,\"exports\":2}");
        assertThat(acme.path("shareDenialsByReason").toString()).isEqualTo("{\"ROLLING_LIMIT_EXCEEDED\":2}");
        assertThat(acme.path("objectExportDenialsByReason").toString())
                .isEqualTo("{\"AUTOMATED_OBJECT_DELIVERY_FORBIDDEN\":1,\"DAILY_OBJECT_LIMIT_EXCEEDED\":1}");
        JsonNode beta = recipients.get(1);
        assertGranted(beta, "STANDARD", 1_300_000, 40, 2, 1);
        assertGranted(beta, "ACADEMIC_APPROVAL", 2_000_000, 5_000, 0, 1);
        assertThat(beta.path("shareDenialsByReason").toString()).isEqualTo("{\"REQUEST_EXCEEDS_LIMIT\":1}");
        JsonNode gamma = recipients.get(2);
        assertThat(gamma.path("idsGrantedByBasis").size()).isZero();
        assertThat(gamma.path("shareDenialsByReason").toString()).isEqualTo("{\"TERMS_NOT_ACCEPTED\":1}");
        assertThat(report.path("projectedUpTo").path("position").isNumber()).isTrue();
    }

    @Test
    void usageCoversOnlyTheDaysOfThePeriod() {
        JsonNode secondDay = ledger.get("/api/v1/reports/usage?from=" + firstDay.plusDays(1) + "&to="
                + firstDay.plusDays(1)).json().path("recipients");

        assertThat(secondDay.findValuesAsText("recipientId")).containsExactly("rep-acme");
        assertGranted(secondDay.get(0), "STANDARD", 1_200_000, 0, 0, 1);
        assertThat(secondDay.get(0).path("objectsExported").path("postObjects").asLong()).isEqualTo(101);
        assertThat(ledger.get("/api/v1/reports/usage?from=" + firstDay.minusDays(5) + "&to="
                + firstDay.minusDays(1)).json().path("recipients")).isEmpty();
    }

    @Test
    void usageWithoutAPeriodCoversTheLastThirtyDays() {
        JsonNode report = ledger.get("/api/v1/reports/usage").json();

        LocalDate today = ledger.clockNow().atZone(ZoneOffset.UTC).toLocalDate();
        assertThat(report.path("to").asText()).isEqualTo(today.toString());
        assertThat(report.path("from").asText()).isEqualTo(today.minusDays(29).toString());
        assertThat(report.path("recipients").size()).isEqualTo(3);
    }

    @Test
    void usageAsCsvHasOneLinePerFigure() {
        Answer csv = ledger.get("/api/v1/reports/usage?from=" + firstDay + "&to=" + firstDay.plusDays(1),
                "Accept", "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("\"recipientId\",\"metric\",\"basisOrReason\",\"value\"");
        assertThat(lines).contains(
                "\"rep-acme\",\"postIdsGranted\",\"STANDARD\",2200000",
                "\"rep-acme\",\"sharesGranted\",\"STANDARD\",2",
                "\"rep-acme\",\"postIdsGranted\",\"DSA_ARTICLE_40\",3000000",
                "\"rep-acme\",\"postObjectsExported\",,401",
                "\"rep-acme\",\"userObjectsExported\",,100",
                "\"rep-acme\",\"objectExports\",,2",
                "\"rep-acme\",\"shareDenials\",\"ROLLING_LIMIT_EXCEEDED\",2",
                "\"rep-acme\",\"objectExportDenials\",\"DAILY_OBJECT_LIMIT_EXCEEDED\",1",
                "\"rep-beta\",\"userIdsGranted\",\"ACADEMIC_APPROVAL\",5000",
                "\"rep-beta\",\"directMessageIdsGranted\",\"STANDARD\",2",
                "\"rep-beta\",\"shareDenials\",\"REQUEST_EXCEEDS_LIMIT\",1",
                "\"rep-gamma\",\"shareDenials\",\"TERMS_NOT_ACCEPTED\",1");
        assertThat(lines).hasSize(1 + (2 * 4 + 3 + 1 + 2) + (2 * 4 + 3 + 1) + (3 + 1));
    }

    @Test
    void nearLimitListsRecipientsAtOrAboveTheThresholdHighestFirst() {
        JsonNode report = ledger.get("/api/v1/reports/near-limit").json();

        assertThat(report.path("threshold").asDouble()).isEqualTo(0.8);
        assertThat(report.path("asOf").asText()).isEqualTo(ledger.clockNow().toString());
        JsonNode recipients = report.path("recipients");
        assertThat(recipients.findValuesAsText("recipientId")).containsExactly("rep-acme", "rep-beta");
        JsonNode acme = recipients.get(0);
        assertThat(acme.path("limit").asLong()).isEqualTo(2_500_000);
        assertThat(acme.path("limitSource").asText()).isEqualTo("PERM-1");
        assertThat(acme.path("used").asLong()).isEqualTo(2_200_000);
        assertThat(acme.path("remaining").asLong()).isEqualTo(300_000);
        assertThat(acme.path("usedShare").asDouble()).isEqualTo(0.88);
        assertThat(acme.path("nextReleaseAt").asText()).isEqualTo(ids.start().plus(Duration.ofDays(30)).toString());
        assertThat(acme.path("nextReleaseAmount").asLong()).isEqualTo(1_000_000);

        assertThat(ledger.get("/api/v1/reports/near-limit?threshold=0.87").json().path("recipients")
                .findValuesAsText("recipientId")).containsExactly("rep-acme");
        assertThat(ledger.get("/api/v1/reports/near-limit?threshold=1").json().path("recipients")).isEmpty();
    }

    @Test
    void theExemptionRegisterShowsEachGrantWithItsUseAndRevocation() {
        JsonNode exemptions = ledger.get("/api/v1/reports/exemptions").json().path("exemptions");

        List<String> keys = new ArrayList<>();
        exemptions.forEach(entry -> keys.add(entry.path("recipientId").asText() + "/" + entry.path("kind").asText()
                + "/" + entry.path("exemptionId").asText()));
        assertThat(keys).containsExactly("rep-acme/DSA_ARTICLE_40/DSA-1", "rep-acme/LIMIT_PERMISSION/PERM-1",
                "rep-beta/ACADEMIC_APPROVAL/ACAD-1");
        JsonNode dsa = exemptions.get(0);
        assertThat(dsa.path("usedPostIds").asLong()).isEqualTo(3_000_000);
        assertThat(dsa.path("sharesGranted").asLong()).isEqualTo(1);
        assertThat(dsa.path("revokedAt").asText()).isEqualTo(ids.start().toString());
        assertThat(dsa.path("reference").asText()).isEqualTo("DSC decision 1");
        JsonNode permission = exemptions.get(1);
        assertThat(permission.path("postIdLimit").asLong()).isEqualTo(2_500_000);
        assertThat(permission.path("usedPostIds").asLong()).isEqualTo(1_200_000);
        assertThat(permission.path("revokedAt").isNull()).isTrue();
        assertThat(permission.path("grantedBy").asText()).isEqualTo("officer@ledger.example");
        JsonNode academic = exemptions.get(2);
        assertThat(academic.path("approvedPostIds").asLong()).isEqualTo(5_000_000);
        assertThat(academic.path("usedPostIds").asLong()).isEqualTo(2_000_000);
        assertThat(academic.path("usedUserIds").asLong()).isEqualTo(5_000);
        assertThat(academic.path("institution").asText()).isEqualTo("University of Somewhere");
        assertThat(academic.path("validUntil").asText()).isEqualTo(ids.start().plus(Duration.ofDays(60)).toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a month that does not exist    | /api/v1/reports/usage?from=2026-13-01&to=2026-12-31
            a time instead of a date       | /api/v1/reports/usage?from=2026-03-01T00:00:00Z
            not a date                     | /api/v1/reports/usage?to=today
            from after to                  | /api/v1/reports/usage?from=2026-03-02&to=2026-03-01
            more than ten years            | /api/v1/reports/usage?from=2000-01-01&to=2026-01-01
            a year past 9999               | /api/v1/reports/usage?from=%2B300000-01-01&to=%2B300000-01-02
            a year before 1970             | /api/v1/reports/usage?from=1969-12-31&to=1970-01-01
            a negative threshold           | /api/v1/reports/near-limit?threshold=-0.1
            a threshold above 100          | /api/v1/reports/near-limit?threshold=100.5
            a threshold that is no number  | /api/v1/reports/near-limit?threshold=NaN
            """)
    void aBadQueryIsAProblem(String description, String path) {
        assertProblem(ledger.get(path), 400, "INVALID_FIELD");
    }

    @Test
    void aBadPeriodForCsvIsAProblemToo() {
        assertProblem(ledger.get("/api/v1/reports/usage?from=2026-03-02&to=2026-03-01", "Accept", "text/csv"),
                400, "INVALID_FIELD");
    }

    @Test
    void aThresholdThatIsNotANumberIsAParameterProblem() {
        assertProblem(ledger.get("/api/v1/reports/near-limit?threshold=high"), 400, "INVALID_PARAMETER");
    }

    private static void assertGranted(JsonNode recipient, String basis, long postIds, long userIds,
                                      long directMessageIds, long shares) {
        JsonNode granted = recipient.path("idsGrantedByBasis").path(basis);
        assertThat(granted.path("postIds").asLong()).as("%s %s", basis, recipient).isEqualTo(postIds);
        assertThat(granted.path("userIds").asLong()).as("%s %s", basis, recipient).isEqualTo(userIds);
        assertThat(granted.path("directMessageIds").asLong()).as("%s %s", basis, recipient)
                .isEqualTo(directMessageIds);
        assertThat(granted.path("shares").asLong()).as("%s %s", basis, recipient).isEqualTo(shares);
    }
}

package com.quotaledger.api.terms;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.MixedWorkload;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.Requests.allTerms;
import static com.quotaledger.api.Requests.registration;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * X revises a document: a compliance officer records the new version ahead of its effect, auditors see who must
 * accept it again, and from the instant it takes effect a recipient that accepted an older version is denied with
 * {@code TERMS_OUTDATED} until it accepts the revision.
 */
@FreshLedger
@TestPropertySource(properties = {"ledger.test-clock.enabled=true",
        "ledger.policy.terms.current-versions.developer-policy=2025-10",
        "ledger.policy.terms.notice=PT1M"})
class RecipientsMustAcceptEachRevisionOfTheTerms {

    private static final String REVISION = "2026-01";

    LedgerClient ledger;

    @Test
    void aRevisionStopsSharesFromTheInstantItTakesEffectUntilTheRecipientAcceptsIt() {
        assertThat(ledger.post("/api/v1/recipients", registration("revised")).status()).isEqualTo(201);
        assertThat(ledger.post("/api/v1/recipients/revised/terms-acceptances", allTerms()).status()).isEqualTo(201);
        assertThat(ledger.post("/api/v1/shares", share("revised-1", "revised", 100)).status()).isEqualTo(201);

        JsonNode configured = versionOf("DEVELOPER_POLICY", "2025-10");
        assertThat(configured.path("status").asText()).isEqualTo("IN_FORCE");
        assertThat(configured.path("effectiveFrom").isNull()).as("configured: in force from the start").isTrue();

        Instant now = ledger.clockNow();
        Instant effectiveFrom = now.plus(Duration.ofHours(1));
        Answer published = ledger.post("/api/v1/terms/versions", revision(effectiveFrom));
        assertThat(published.status()).as("%s", published).isEqualTo(201);
        assertThat(published.json().path("status").asText()).isEqualTo("SCHEDULED");
        assertThat(ledger.post("/api/v1/terms/versions", revision(effectiveFrom)).status())
                .as("the same version again, as a retry sends it").isEqualTo(201);

        MixedWorkload.awaitReadModelsCaughtUp(ledger, Duration.ofSeconds(30));
        assertThat(toAcceptAgain(null).path("parties")).as("nobody yet").isEmpty();
        JsonNode whenInForce = toAcceptAgain(effectiveFrom.toString()).path("parties");
        assertThat(whenInForce).hasSize(1);
        assertThat(whenInForce.get(0).path("kind").asText()).isEqualTo("RECIPIENT");
        assertThat(whenInForce.get(0).path("id").asText()).isEqualTo("revised");
        JsonNode document = whenInForce.get(0).path("documents").get(0);
        assertThat(document.path("document").asText()).isEqualTo("DEVELOPER_POLICY");
        assertThat(document.path("acceptedVersion").asText()).isEqualTo("2025-10");
        assertThat(document.path("currentVersion").asText()).isEqualTo(REVISION);
        assertThat(Instant.parse(document.path("inForceSince").asText())).isEqualTo(effectiveFrom);

        ledger.advanceClock("PT59M59.999S");
        assertThat(ledger.post("/api/v1/shares", share("revised-2", "revised", 100)).status())
                .as("a millisecond before the revision takes effect").isEqualTo(201);
        ledger.advanceClock("PT0.001S");
        JsonNode outdated = assertProblem(ledger.post("/api/v1/shares", share("revised-3", "revised", 100)), 422,
                "TERMS_OUTDATED");
        assertThat(outdated.path("detail").asText()).contains("DEVELOPER_POLICY", "2025-10", REVISION);
        assertThat(outdated.path("outdatedTerms")).hasSize(1);
        assertThat(outdated.path("outdatedTerms").get(0).path("document").asText()).isEqualTo("DEVELOPER_POLICY");
        assertThat(outdated.path("outdatedTerms").get(0).path("acceptedVersion").asText()).isEqualTo("2025-10");
        assertThat(outdated.path("outdatedTerms").get(0).path("currentVersion").asText()).isEqualTo(REVISION);
        assertThat(outdated.path("quota").path("used").asLong()).as("nothing counted").isEqualTo(200);
        JsonNode described = ledger.get("/api/v1/recipients/revised").json();
        assertThat(described.path("termsAccepted").asBoolean()).as("all four are accepted, one of them too early")
                .isTrue();
        assertThat(described.path("outdatedTerms").get(0).path("document").asText()).isEqualTo("DEVELOPER_POLICY");
        assertThat(versionOf("DEVELOPER_POLICY", REVISION).path("status").asText()).isEqualTo("IN_FORCE");
        assertThat(versionOf("DEVELOPER_POLICY", "2025-10").path("status").asText()).isEqualTo("SUPERSEDED");

        Answer accepted = ledger.post("/api/v1/recipients/revised/terms-acceptances",
                "{\"acceptedBy\":\"jane@acme.example\",\"documents\":{\"DEVELOPER_POLICY\":\"" + REVISION + "\"}}");
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(201);
        assertThat(accepted.json().path("outdatedTerms")).isEmpty();
        assertThat(ledger.get("/api/v1/recipients/revised").json().path("outdatedTerms")).isEmpty();
        assertThat(ledger.post("/api/v1/shares", share("revised-4", "revised", 100)).status()).isEqualTo(201);
        MixedWorkload.awaitReadModelsCaughtUp(ledger, Duration.ofSeconds(30));
        assertThat(toAcceptAgain(null).path("parties")).as("nobody after the acceptance").isEmpty();
    }

    @Test
    void aVersionIsRecordedOnceWithNoticeAndInOrder() {
        Instant now = ledger.clockNow();
        Instant january = now.plus(Duration.ofDays(30));
        String privacy = """
                {"document":"PRIVACY_POLICY","version":"%s","effectiveFrom":"%s","publishedBy":"officer@example.com"}""";

        assertProblem(ledger.post("/api/v1/terms/versions", privacy.formatted("p-1", now.plusSeconds(59))), 422,
                "TERMS_VERSION_TOO_SOON");
        assertThat(ledger.post("/api/v1/terms/versions", privacy.formatted("p-1", january)).status())
                .isEqualTo(201);
        assertProblem(ledger.post("/api/v1/terms/versions", privacy.formatted("p-1", january.plusSeconds(1))), 409,
                "TERMS_VERSION_EXISTS");
        assertProblem(ledger.post("/api/v1/terms/versions", privacy.formatted("p-0", january.minusSeconds(1))), 422,
                "TERMS_VERSION_OUT_OF_ORDER");
        List<String> privacyPolicies = new ArrayList<>();
        for (JsonNode version : ledger.get("/api/v1/terms/versions").json().path("versions")) {
            if (version.path("document").asText().equals("PRIVACY_POLICY")) {
                privacyPolicies.add(version.path("version").asText());
            }
        }
        assertThat(privacyPolicies).as("nothing refused was recorded").containsExactly("p-1");
    }

    @Test
    void aVersionRecordedByMistakeIsWithdrawnBeforeItTakesEffect() {
        Instant later = ledger.clockNow().plus(Duration.ofDays(60));
        String agreement = """
                {"document":"DEVELOPER_AGREEMENT","version":"%s","effectiveFrom":"%s","publishedBy":"officer@example.com"}""";
        assertThat(ledger.post("/api/v1/terms/versions", agreement.formatted("2026/03", later)).status())
                .isEqualTo(201);

        assertThat(ledger.send("DELETE", "/api/v1/terms/versions/DEVELOPER_AGREEMENT/2026/03").status())
                .as("a version with a slash in its name").isEqualTo(204);
        assertThat(ledger.send("DELETE", "/api/v1/terms/versions/DEVELOPER_AGREEMENT/2026/03").status())
                .as("withdrawn again").isEqualTo(204);
        assertThat(ledger.get("/api/v1/terms/versions").json().path("versions").findValuesAsText("version"))
                .doesNotContain("2026/03");
        assertProblem(ledger.send("DELETE", "/api/v1/terms/versions/DEVELOPER_AGREEMENT/never"), 404,
                "TERMS_VERSION_NOT_FOUND");
        assertThat(ledger.send("DELETE", "/api/v1/terms/versions/COOKIE_POLICY/v1").status()).isEqualTo(400);
        assertThat(ledger.post("/api/v1/terms/versions", agreement.formatted("2026/03", later.plusSeconds(1)))
                .status()).as("its name is free again").isEqualTo(201);
    }

    @Test
    void malformedVersionsAreRefusedAndChangeNothing() {
        String before = ledger.get("/api/v1/terms/versions").json().path("versions").toString();
        for (String body : new String[]{
                "{\"version\":\"v\",\"effectiveFrom\":\"2030-01-01T00:00:00Z\",\"publishedBy\":\"o\"}",
                "{\"document\":\"COOKIE_POLICY\",\"version\":\"v\",\"effectiveFrom\":\"2030-01-01T00:00:00Z\",\"publishedBy\":\"o\"}",
                "{\"document\":\"PRIVACY_POLICY\",\"version\":\" \",\"effectiveFrom\":\"2030-01-01T00:00:00Z\",\"publishedBy\":\"o\"}",
                "{\"document\":\"PRIVACY_POLICY\",\"version\":\"v\",\"effectiveFrom\":\"soon\",\"publishedBy\":\"o\"}",
                "{\"document\":\"PRIVACY_POLICY\",\"version\":\"v\",\"effectiveFrom\":\"+300000-01-01T00:00:00Z\",\"publishedBy\":\"o\"}",
                "{\"document\":\"PRIVACY_POLICY\",\"version\":\"v\",\"effectiveFrom\":\"2030-01-01T00:00:00Z\"}"}) {
            Answer refused = ledger.post("/api/v1/terms/versions", body);
            assertThat(refused.status()).as("%s: %s", body, refused).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(ledger.get("/api/v1/terms/versions").json().path("versions").toString()).isEqualTo(before);
    }

    private String revision(Instant effectiveFrom) {
        return """
                {"document":"DEVELOPER_POLICY","version":"%s","effectiveFrom":"%s","publishedBy":"officer@example.com"}"""
                .formatted(REVISION, effectiveFrom);
    }

    private JsonNode versionOf(String document, String version) {
        for (JsonNode each : ledger.get("/api/v1/terms/versions").json().path("versions")) {
            if (each.path("document").asText().equals(document) && each.path("version").asText().equals(version)) {
                return each;
            }
        }
        throw new AssertionError(document + " " + version + " is not listed");
    }

    private JsonNode toAcceptAgain(String at) {
        Answer report = ledger.get("/api/v1/reports/terms-to-accept-again" + (at == null ? "" : "?at=" + at));
        assertThat(report.status()).as("%s", report).isEqualTo(200);
        assertThat(report.json().path("projectedUpTo").path("position").isNumber()).isTrue();
        return report.json();
    }
}

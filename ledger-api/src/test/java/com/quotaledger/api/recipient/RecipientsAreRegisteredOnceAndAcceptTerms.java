package com.quotaledger.api.recipient;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.registration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** A recipient entity is registered once under a well-formed id, and accepts the four documents one by one. */
@FreshLedger
class RecipientsAreRegisteredOnceAndAcceptTerms {

    LedgerClient ledger;

    @Test
    void aRegisteredRecipientIsDescribedAtItsLocation() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Answer registered = ledger.post("/api/v1/recipients", registration("acme", "  Acme Analytics ", "COMPANY"));
        Instant after = Instant.now();

        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        assertThat(registered.header("Location")).contains("http://localhost:" + ledger.port() + "/api/v1/recipients/acme");
        JsonNode acme = registered.json();
        assertThat(acme.path("recipientId").asText()).isEqualTo("acme");
        assertThat(acme.path("name").asText()).isEqualTo("Acme Analytics");
        assertThat(acme.path("kind").asText()).isEqualTo("COMPANY");
        assertThat(instant(acme, "registeredAt")).isBetween(before, after);
        assertThat(acme.path("termsAccepted").asBoolean()).isFalse();
        assertThat(acme.path("acceptedTerms").toString()).isEqualTo("{}");
        assertThat(acme.path("missingTerms").toString()).isEqualTo(
                "[\"TERMS_OF_SERVICE\",\"PRIVACY_POLICY\",\"DEVELOPER_AGREEMENT\",\"DEVELOPER_POLICY\"]");

        Answer described = ledger.get("/api/v1/recipients/acme");
        assertThat(described.status()).isEqualTo(200);
        assertThat(described.body()).isEqualTo(registered.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"COMPANY", "ACADEMIC_INSTITUTION", "NON_PROFIT", "GOVERNMENT", "INDIVIDUAL"})
    void everyKindOfEntityCanBeRegistered(String kind) {
        String recipientId = "kind-" + kind.toLowerCase().replace('_', '-');
        Answer registered = ledger.post("/api/v1/recipients", registration(recipientId, "Some " + kind, kind));
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        assertThat(ledger.get("/api/v1/recipients/" + recipientId).json().path("kind").asText()).isEqualTo(kind);
    }

    @Test
    void theShortestAndLongestIdsAndNamesAreAccepted() {
        String longestId = "l" + "0123456789.-_".repeat(5).substring(0, 63);
        for (String recipientId : new String[]{"z", "9", longestId}) {
            Answer registered = ledger.post("/api/v1/recipients",
                    registration(recipientId, "n".repeat(200), "NON_PROFIT"));
            assertThat(registered.status()).as("%s: %s", recipientId, registered).isEqualTo(201);
            assertThat(ledger.get("/api/v1/recipients/" + recipientId).status()).isEqualTo(200);
        }
    }

    @Test
    void aRecipientIsRegisteredOnlyOnce() {
        assertThat(ledger.post("/api/v1/recipients", registration("once", "The First", "COMPANY")).status())
                .isEqualTo(201);

        Answer again = ledger.post("/api/v1/recipients", registration("once", "The Second", "GOVERNMENT"));

        assertThat(assertProblem(again, 409, "RECIPIENT_ALREADY_EXISTS").path("recipientId").asText())
                .isEqualTo("once");
        JsonNode once = ledger.get("/api/v1/recipients/once").json();
        assertThat(once.path("name").asText()).isEqualTo("The First");
        assertThat(once.path("kind").asText()).isEqualTo("COMPANY");
    }

    static Stream<Arguments> refusedRegistrations() {
        return Stream.of(
                arguments("an upper-case id", registration("Acme", "Acme", "COMPANY"), "INVALID_FIELD"),
                arguments("an id starting with a dash", registration("-acme", "Acme", "COMPANY"), "INVALID_FIELD"),
                arguments("an id starting with a dot", registration(".acme", "Acme", "COMPANY"), "INVALID_FIELD"),
                arguments("an id with a space", registration("acme corp", "Acme", "COMPANY"), "INVALID_FIELD"),
                arguments("an id with a slash", registration("acme/corp", "Acme", "COMPANY"), "INVALID_FIELD"),
                arguments("an id with an accent", registration("acmé", "Acme", "COMPANY"), "INVALID_FIELD"),
                arguments("an id of 65 characters", registration("a".repeat(65), "Acme", "COMPANY"),
                        "INVALID_FIELD"),
                arguments("an empty id", registration("", "Acme", "COMPANY"), "INVALID_FIELD"),
                arguments("a numeric id", "{\"recipientId\":7,\"name\":\"Acme\",\"kind\":\"COMPANY\"}",
                        "INVALID_FIELD"),
                arguments("a missing id", "{\"name\":\"Acme\",\"kind\":\"COMPANY\"}", "INVALID_FIELD"),
                arguments("a blank name", registration("refused", "   ", "COMPANY"), "INVALID_FIELD"),
                arguments("a name of 201 characters", registration("refused", "n".repeat(201), "COMPANY"),
                        "INVALID_FIELD"),
                arguments("a name with a line break", registration("refused", "Acme\nCorp", "COMPANY"),
                        "INVALID_FIELD"),
                arguments("a missing name", "{\"recipientId\":\"refused\",\"kind\":\"COMPANY\"}", "INVALID_FIELD"),
                arguments("a lower-case kind", registration("refused", "Acme", "company"), "INVALID_FIELD"),
                arguments("an unknown kind", registration("refused", "Acme", "ROBOT"), "INVALID_FIELD"),
                arguments("a kind as a number", "{\"recipientId\":\"refused\",\"name\":\"Acme\",\"kind\":0}",
                        "INVALID_FIELD"),
                arguments("a missing kind", "{\"recipientId\":\"refused\",\"name\":\"Acme\"}", "INVALID_FIELD"),
                arguments("an unknown field",
                        "{\"recipientId\":\"refused\",\"name\":\"Acme\",\"kind\":\"COMPANY\",\"country\":\"NL\"}",
                        "UNKNOWN_FIELD"),
                arguments("broken JSON", "{\"recipientId\":\"refused\",", "MALFORMED_JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRegistrations")
    void anInvalidRegistrationIsRefused(String description, String body, String reason) {
        assertProblem(ledger.post("/api/v1/recipients", body), 400, reason);
        assertProblem(ledger.get("/api/v1/recipients/refused"), 404, "RECIPIENT_NOT_FOUND");
    }

    @Test
    void termsAreRecordedDocumentByDocumentAndVersionByVersion() {
        assertThat(ledger.post("/api/v1/recipients", registration("terms")).status()).isEqualTo(201);

        Answer some = ledger.post("/api/v1/recipients/terms/terms-acceptances", """
                {"acceptedBy":"jane@terms.example",\
                "documents":{"PRIVACY_POLICY":"2025-09","TERMS_OF_SERVICE":"2025-09"}}""");
        assertThat(some.status()).as("%s", some).isEqualTo(201);
        JsonNode acceptance = some.json();
        assertThat(acceptance.path("recipientId").asText()).isEqualTo("terms");
        assertThat(acceptance.path("acceptedBy").asText()).isEqualTo("jane@terms.example");
        assertThat(acceptance.path("documents").toString())
                .isEqualTo("{\"TERMS_OF_SERVICE\":\"2025-09\",\"PRIVACY_POLICY\":\"2025-09\"}");
        assertThat(acceptance.path("termsAccepted").asBoolean()).isFalse();
        assertThat(acceptance.path("missingTerms").toString())
                .isEqualTo("[\"DEVELOPER_AGREEMENT\",\"DEVELOPER_POLICY\"]");
        Instant janeAcceptedAt = instant(acceptance, "acceptedAt");

        JsonNode described = ledger.get("/api/v1/recipients/terms").json();
        assertThat(described.path("termsAccepted").asBoolean()).isFalse();
        assertThat(described.path("missingTerms").toString())
                .isEqualTo("[\"DEVELOPER_AGREEMENT\",\"DEVELOPER_POLICY\"]");
        assertAccepted(described, "TERMS_OF_SERVICE", "2025-09", "jane@terms.example", janeAcceptedAt);
        assertAccepted(described, "PRIVACY_POLICY", "2025-09", "jane@terms.example", janeAcceptedAt);
        assertThat(described.path("acceptedTerms").has("DEVELOPER_AGREEMENT")).isFalse();

        Answer rest = ledger.post("/api/v1/recipients/terms/terms-acceptances", """
                {"acceptedBy":" john@terms.example ",\
                "documents":{"DEVELOPER_AGREEMENT":"2025-10","DEVELOPER_POLICY":"2025-10"}}""");
        assertThat(rest.json().path("termsAccepted").asBoolean()).isTrue();
        assertThat(rest.json().path("missingTerms").toString()).isEqualTo("[]");
        Instant johnAcceptedAt = instant(rest.json(), "acceptedAt");

        Answer newer = ledger.post("/api/v1/recipients/terms/terms-acceptances",
                "{\"acceptedBy\":\"jim@terms.example\",\"documents\":{\"TERMS_OF_SERVICE\":\"2026-01\"}}");
        assertThat(newer.status()).isEqualTo(201);
        Instant jimAcceptedAt = instant(newer.json(), "acceptedAt");

        JsonNode all = ledger.get("/api/v1/recipients/terms").json();
        assertThat(all.path("termsAccepted").asBoolean()).isTrue();
        assertThat(all.path("missingTerms").toString()).isEqualTo("[]");
        assertAccepted(all, "TERMS_OF_SERVICE", "2026-01", "jim@terms.example", jimAcceptedAt);
        assertAccepted(all, "PRIVACY_POLICY", "2025-09", "jane@terms.example", janeAcceptedAt);
        assertAccepted(all, "DEVELOPER_AGREEMENT", "2025-10", "john@terms.example", johnAcceptedAt);
        assertAccepted(all, "DEVELOPER_POLICY", "2025-10", "john@terms.example", johnAcceptedAt);
    }

    static Stream<Arguments> refusedAcceptances() {
        return Stream.of(
                arguments("an unknown document", "{\"acceptedBy\":\"j\",\"documents\":{\"COOKIE_POLICY\":\"1\"}}",
                        "INVALID_FIELD"),
                arguments("no documents", "{\"acceptedBy\":\"j\",\"documents\":{}}", "INVALID_FIELD"),
                arguments("missing documents", "{\"acceptedBy\":\"j\"}", "INVALID_FIELD"),
                arguments("a blank version", "{\"acceptedBy\":\"j\",\"documents\":{\"TERMS_OF_SERVICE\":\" \"}}",
                        "INVALID_FIELD"),
                arguments("a null version", "{\"acceptedBy\":\"j\",\"documents\":{\"TERMS_OF_SERVICE\":null}}",
                        "INVALID_FIELD"),
                arguments("a numeric version", "{\"acceptedBy\":\"j\",\"documents\":{\"TERMS_OF_SERVICE\":2025}}",
                        "INVALID_FIELD"),
                arguments("a version of 65 characters", "{\"acceptedBy\":\"j\",\"documents\":{\"TERMS_OF_SERVICE\":\""
                        + "v".repeat(65) + "\"}}", "INVALID_FIELD"),
                arguments("a blank acceptor", "{\"acceptedBy\":\" \",\"documents\":{\"TERMS_OF_SERVICE\":\"1\"}}",
                        "INVALID_FIELD"),
                arguments("a missing acceptor", "{\"documents\":{\"TERMS_OF_SERVICE\":\"1\"}}", "INVALID_FIELD"),
                arguments("documents as a list", "{\"acceptedBy\":\"j\",\"documents\":[\"TERMS_OF_SERVICE\"]}",
                        "INVALID_FIELD"),
                arguments("an unknown field",
                        "{\"acceptedBy\":\"j\",\"documents\":{\"TERMS_OF_SERVICE\":\"1\"},\"signature\":\"x\"}",
                        "UNKNOWN_FIELD"),
                arguments("broken JSON", "{\"acceptedBy\":", "MALFORMED_JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedAcceptances")
    void anInvalidAcceptanceIsRefusedAndRecordsNothing(String description, String body, String reason) {
        if (ledger.get("/api/v1/recipients/undecided").status() == 404) {
            assertThat(ledger.post("/api/v1/recipients", registration("undecided")).status()).isEqualTo(201);
        }

        assertProblem(ledger.post("/api/v1/recipients/undecided/terms-acceptances", body), 400, reason);

        assertThat(ledger.get("/api/v1/recipients/undecided").json().path("acceptedTerms").toString())
                .isEqualTo("{}");
    }

    @Test
    void anUnknownRecipientIsNotFound() {
        assertThat(assertProblem(ledger.get("/api/v1/recipients/nobody"), 404, "RECIPIENT_NOT_FOUND")
                .path("recipientId").asText()).isEqualTo("nobody");
        assertProblem(ledger.get("/api/v1/recipients/nobody/quota"), 404, "RECIPIENT_NOT_FOUND");
        assertProblem(ledger.post("/api/v1/recipients/nobody/terms-acceptances", Requests.allTerms()), 404,
                "RECIPIENT_NOT_FOUND");
        assertProblem(ledger.get("/api/v1/recipients/nobody"), 404, "RECIPIENT_NOT_FOUND");
    }

    private static void assertAccepted(JsonNode recipient, String document, String version, String acceptedBy,
                                       Instant acceptedAt) {
        JsonNode accepted = recipient.path("acceptedTerms").path(document);
        assertThat(accepted.path("version").asText()).as("%s in %s", document, recipient).isEqualTo(version);
        assertThat(accepted.path("acceptedBy").asText()).as("%s in %s", document, recipient).isEqualTo(acceptedBy);
        assertThat(instant(accepted, "acceptedAt")).as("%s in %s", document, recipient).isEqualTo(acceptedAt);
    }
}

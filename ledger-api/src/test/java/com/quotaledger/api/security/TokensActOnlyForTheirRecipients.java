package com.quotaledger.api.security;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.test.context.TestPropertySource;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static com.quotaledger.api.PersonRequests.affiliated;
import static com.quotaledger.api.PersonRequests.export;
import static com.quotaledger.api.PersonRequests.exportObjects;
import static com.quotaledger.api.PersonRequests.person;
import static com.quotaledger.api.PersonRequests.shareTo;
import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.Requests.reservation;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token that names recipients acts for those alone: a share, an export, a read or a change for another recipient,
 * or a person with another, is refused with 403 {@code FORBIDDEN_RECIPIENT} and changes nothing, whatever the token's
 * roles; for its own recipients it does what its roles allow.
 */
@FreshLedger
@TestPropertySource(properties = {
        "ledger.security.tokens[0].name=mine-export",
        "ledger.security.tokens[0].roles=EXPORTER",
        "ledger.security.tokens[0].sha256=980017b67fb336c064d387fc21f47e5452ab7b8bf883e26ade78fa4b29e06c16",
        "ledger.security.tokens[0].recipients=mine,mine-too",
        "ledger.security.tokens[1].name=mine-officer",
        "ledger.security.tokens[1].roles=COMPLIANCE_OFFICER",
        "ledger.security.tokens[1].sha256=477ae168c0ce254cde41f61a55f958513286e6418df4a50ff12a876e0538f4f8",
        "ledger.security.tokens[1].recipients=mine",
        "ledger.security.tokens[2].name=officer",
        "ledger.security.tokens[2].roles=COMPLIANCE_OFFICER",
        "ledger.security.tokens[2].sha256=21d5923c36feb92dabcec193a546bd14438fb38c8cd3de541a2f4272c5e27eb6",
        "ledger.security.tokens[3].name=auditor",
        "ledger.security.tokens[3].roles=AUDITOR",
        "ledger.security.tokens[3].sha256=bf0ed576bd35035b545c70e10c5ec4ec02ff22c7e14aa9425814f80f606ef35f"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokensActOnlyForTheirRecipients {

    LedgerClient ledger;
    private LedgerClient exporter;
    private LedgerClient limitedOfficer;
    private LedgerClient auditor;

    @BeforeAll
    void recipientsAndTheirPersons() {
        LedgerClient officer = ledger.as("all-officer-secret");
        exporter = ledger.as("mine-exporter-secret");
        limitedOfficer = ledger.as("mine-officer-secret");
        auditor = ledger.as("all-auditor-secret");
        officer.registerWithAllTerms("mine");
        officer.registerWithAllTerms("theirs");
        affiliated(officer, "mine", "p-mine");
        affiliated(officer, "theirs", "p-theirs");
        assertThat(officer.post("/api/v1/persons", "{\"personId\":\"p-alone\"}").status()).isEqualTo(201);
    }

    @Test
    void aLimitedTokenActsForItsOwnRecipients() {
        assertThat(exporter.share(share("mine-1", "mine", 1_000)).status()).isEqualTo(201);
        assertThat(exportObjects(exporter, export("mine-x1", "p-mine", 10, 0)).status()).isEqualTo(201);
        assertThat(exporter.get("/api/v1/recipients/mine/quota").json().at("/postIds/used").asLong())
                .isEqualTo(1_000);
        assertThat(person(exporter, "p-mine").status()).isEqualTo(200);
        assertProblem(person(exporter, "p-nobody"), 404, "PERSON_NOT_FOUND");
        assertThat(limitedOfficer.post("/api/v1/recipients/mine/persons", "{\"personId\":\"p-mine-2\"}").status())
                .isEqualTo(201);
    }

    @Test
    void everyRequestForAnotherRecipientIsRefusedAndChangesNothing() {
        Answer theirReservation = ledger.as("all-officer-secret").post("/api/v1/reservations",
                reservation("theirs-held", "theirs", 100, "PT1H"));
        assertThat(theirReservation.status()).as("%s", theirReservation).isEqualTo(201);
        String reservation = "/api/v1/reservations/" + theirReservation.json().path("reservationId").asText();
        Map<String, String> before = trailsOfTheirs();
        List<Function<LedgerClient, Answer>> attempts = List.of(
                as -> as.post("/api/v1/reservations", reservation("theirs-r1", "theirs", 1_000, "PT1H")),
                as -> as.post(reservation + "/confirm", "{\"requestId\":\"theirs-r2\"}"),
                as -> as.post(reservation + "/void", "{\"requestId\":\"theirs-r3\"}"),
                as -> as.get(reservation),
                as -> as.share(share("theirs-1", "theirs", 1_000)),
                as -> as.share(shareTo("theirs-2", "theirs", "p-theirs", 1_000)),
                as -> exportObjects(as, export("theirs-x1", "p-theirs", 10, 0)),
                as -> exportObjects(as, export("alone-x1", "p-alone", 10, 0)),
                as -> as.get("/api/v1/recipients/theirs"),
                as -> as.get("/api/v1/recipients/theirs/quota"),
                as -> as.get("/api/v1/recipients/theirs/quota?asOf=2026-01-01T00:00:00Z"),
                as -> person(as, "p-theirs"),
                as -> person(as, "p-alone"));
        for (LedgerClient caller : List.of(exporter, limitedOfficer)) {
            for (Function<LedgerClient, Answer> attempt : attempts) {
                Answer refused = attempt.apply(caller);
                assertProblem(refused, 403, "FORBIDDEN_RECIPIENT");
                assertThat(refused.json().path("detail").asText()).contains("[mine");
            }
        }
        List<Answer> officersAttempts = List.of(
                limitedOfficer.post("/api/v1/recipients",
                        "{\"recipientId\":\"new-one\",\"name\":\"New\",\"kind\":\"COMPANY\"}"),
                limitedOfficer.post("/api/v1/recipients/theirs/terms-acceptances", "{}"),
                limitedOfficer.post("/api/v1/recipients/theirs/persons", "{\"personId\":\"p-stolen\"}"),
                limitedOfficer.send("DELETE", "/api/v1/recipients/theirs/persons/p-theirs"),
                limitedOfficer.post("/api/v1/recipients/theirs/limit-permissions", "{}"),
                limitedOfficer.post("/api/v1/persons/p-theirs/terms-acceptances", "{}"),
                limitedOfficer.post("/api/v1/persons", "{\"personId\":\"p-new\"}"),
                limitedOfficer.post("/api/v1/terms/versions", "{}"));
        officersAttempts.forEach(refused -> assertProblem(refused, 403, "FORBIDDEN_RECIPIENT"));

        assertThat(trailsOfTheirs()).isEqualTo(before);
        assertProblem(auditor.get("/api/v1/recipients/new-one"), 404, "RECIPIENT_NOT_FOUND");
        assertProblem(auditor.get("/api/v1/persons/p-stolen"), 404, "PERSON_NOT_FOUND");
        assertProblem(auditor.get("/api/v1/persons/p-new"), 404, "PERSON_NOT_FOUND");
    }

    /** Everything recorded for the other recipient and the persons the attempts name. */
    private Map<String, String> trailsOfTheirs() {
        return Map.of(
                "theirs", auditor.get("/api/v1/audit/recipients/theirs/history").body(),
                "p-theirs", auditor.get("/api/v1/audit/persons/p-theirs/history").body(),
                "p-alone", auditor.get("/api/v1/audit/persons/p-alone/history").body(),
                "decisions", auditor.get("/api/v1/audit/decisions?recipientId=theirs").body());
    }
}

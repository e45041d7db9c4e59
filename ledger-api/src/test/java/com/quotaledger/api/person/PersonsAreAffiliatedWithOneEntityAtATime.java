package com.quotaledger.api.person;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static com.quotaledger.api.PersonRequests.affiliate;
import static com.quotaledger.api.PersonRequests.affiliated;
import static com.quotaledger.api.PersonRequests.endAffiliation;
import static com.quotaledger.api.PersonRequests.eventsOf;
import static com.quotaledger.api.PersonRequests.person;
import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.instant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person is affiliated with at most one recipient entity at a time; the affiliation is written on both sides, and
 * ends with a DELETE.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
class PersonsAreAffiliatedWithOneEntityAtATime {

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    @Test
    void anAffiliatedPersonIsCreatedAndDescribed() {
        ledger.registerWithAllTerms("acme");
        Instant now = ledger.clockNow();

        Answer created = affiliate(ledger, "acme", "p-17");

        assertThat(created.status()).as("%s", created).isEqualTo(201);
        assertThat(created.header("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/v1/persons/p-17"));
        JsonNode person = created.json();
        assertThat(person.path("personId").asText()).isEqualTo("p-17");
        assertThat(person.path("recipientId").asText()).isEqualTo("acme");
        JsonNode today = person.path("objectsToday");
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        assertThat(today.path("limit").asLong()).isEqualTo(500);
        assertThat(today.path("used").asLong()).isZero();
        assertThat(today.path("remaining").asLong()).isEqualTo(500);
        assertThat(today.path("day").asText()).isEqualTo(day.toString());
        assertThat(instant(today, "resetsAt")).isEqualTo(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        assertThat(person.path("termsAccepted").asBoolean()).isFalse();
        assertThat(person.path("acceptedTerms").size()).isZero();
        assertThat(person.path("missingTerms").toString()).isEqualTo(
                "[\"TERMS_OF_SERVICE\",\"PRIVACY_POLICY\",\"DEVELOPER_AGREEMENT\",\"DEVELOPER_POLICY\"]");

        Answer read = person(ledger, "p-17");
        assertThat(read.status()).as("%s", read).isEqualTo(200);
        assertThat(read.body()).isEqualTo(created.body());
        assertThat(ledger.get("/api/v1/recipients/acme").json().path("persons").toString()).contains("p-17");
    }

    @Test
    void affiliatingAgainWithTheSameEntityChangesNothing() {
        ledger.registerWithAllTerms("again");
        Answer first = affiliate(ledger, "again", "p-again");
        assertThat(first.status()).isEqualTo(201);
        long personEvents = eventsOf(jdbc, "person:p-again");
        long recipientEvents = eventsOf(jdbc, "again");

        ledger.advanceClock("PT1H");
        Answer second = affiliate(ledger, "again", "p-again");

        assertThat(second.status()).as("%s", second).isEqualTo(201);
        assertThat(second.json().path("recipientId").asText()).isEqualTo("again");
        assertThat(eventsOf(jdbc, "person:p-again")).isEqualTo(personEvents);
        assertThat(eventsOf(jdbc, "again")).isEqualTo(recipientEvents);
    }

    @Test
    void aPersonWithOneEntityIsRefusedByAnother() {
        ledger.registerWithAllTerms("first-co");
        ledger.registerWithAllTerms("second-co");
        affiliated(ledger, "first-co", "p-taken");
        long secondEvents = eventsOf(jdbc, "second-co");

        JsonNode refused = assertProblem(affiliate(ledger, "second-co", "p-taken"), 409,
                "PERSON_AFFILIATED_ELSEWHERE");

        assertThat(refused.path("personId").asText()).isEqualTo("p-taken");
        assertThat(person(ledger, "p-taken").json().path("recipientId").asText()).isEqualTo("first-co");
        assertThat(eventsOf(jdbc, "second-co")).isEqualTo(secondEvents);
    }

    @Test
    void aPersonCannotJoinAnUnknownRecipientAndStaysUnknown() {
        JsonNode refused = assertProblem(affiliate(ledger, "nobody", "p-lost"), 404, "RECIPIENT_NOT_FOUND");
        assertThat(refused.path("recipientId").asText()).isEqualTo("nobody");
        assertProblem(affiliate(ledger, "Not_An_Id", "p-lost"), 404, "RECIPIENT_NOT_FOUND");

        assertProblem(person(ledger, "p-lost"), 404, "PERSON_NOT_FOUND");
        assertThat(eventsOf(jdbc, "person:p-lost")).isZero();
    }

    @Test
    void anAffiliationEndsAndThePersonMayJoinAnotherEntity() {
        ledger.registerWithAllTerms("old-co");
        ledger.registerWithAllTerms("new-co");
        affiliated(ledger, "old-co", "p-move");

        Answer ended = endAffiliation(ledger, "old-co", "p-move");

        assertThat(ended.status()).as("%s", ended).isEqualTo(204);
        assertThat(ended.body()).isEmpty();
        JsonNode unaffiliated = person(ledger, "p-move").json();
        assertThat(unaffiliated.path("recipientId").isNull()).as("%s", unaffiliated).isTrue();
        assertThat(ledger.get("/api/v1/recipients/old-co").json().path("persons").toString())
                .doesNotContain("p-move");
        assertThat(affiliate(ledger, "new-co", "p-move").status()).isEqualTo(201);
        assertThat(person(ledger, "p-move").json().path("recipientId").asText()).isEqualTo("new-co");
    }

    @Test
    void endingAnAffiliationThatDoesNotExistIsNotFound() {
        ledger.registerWithAllTerms("here");
        ledger.registerWithAllTerms("there");
        affiliated(ledger, "here", "p-here");

        assertProblem(endAffiliation(ledger, "there", "p-here"), 404, "AFFILIATION_NOT_FOUND");
        assertProblem(endAffiliation(ledger, "nowhere", "p-here"), 404, "AFFILIATION_NOT_FOUND");
        assertThat(endAffiliation(ledger, "here", "p-here").status()).isEqualTo(204);
        assertProblem(endAffiliation(ledger, "here", "p-here"), 404, "AFFILIATION_NOT_FOUND");
        assertThat(person(ledger, "p-here").json().path("recipientId").isNull()).isTrue();
    }

    @Test
    void anUnknownPersonIsNotFound() {
        ledger.registerWithAllTerms("empty-co");

        assertProblem(endAffiliation(ledger, "empty-co", "p-ghost"), 404, "PERSON_NOT_FOUND");
        assertProblem(person(ledger, "p-ghost"), 404, "PERSON_NOT_FOUND");
        assertProblem(ledger.post("/api/v1/persons/p-ghost/terms-acceptances", Requests.allTerms()), 404,
                "PERSON_NOT_FOUND");
        assertThat(eventsOf(jdbc, "person:p-ghost")).isZero();
    }

    @Test
    void aPersonRecordsItsOwnAcceptanceOfTheTerms() {
        assertThat(ledger.post("/api/v1/recipients", Requests.registration("no-terms")).status()).isEqualTo(201);
        affiliated(ledger, "no-terms", "p-reader");
        Instant now = ledger.clockNow();

        Answer some = ledger.post("/api/v1/persons/p-reader/terms-acceptances", """
                {"acceptedBy":"p-reader@no-terms.example","documents":{"TERMS_OF_SERVICE":"2025-09",\
                "PRIVACY_POLICY":"2025-09"}}""");
        assertThat(some.status()).as("%s", some).isEqualTo(201);
        JsonNode partly = some.json();
        assertThat(partly.path("personId").asText()).isEqualTo("p-reader");
        assertThat(partly.path("acceptedBy").asText()).isEqualTo("p-reader@no-terms.example");
        assertThat(instant(partly, "acceptedAt")).isEqualTo(now);
        assertThat(partly.path("termsAccepted").asBoolean()).isFalse();
        assertThat(partly.path("missingTerms").toString())
                .isEqualTo("[\"DEVELOPER_AGREEMENT\",\"DEVELOPER_POLICY\"]");

        Answer rest = ledger.post("/api/v1/persons/p-reader/terms-acceptances", """
                {"acceptedBy":"p-reader@no-terms.example","documents":{"DEVELOPER_AGREEMENT":"2025-10",\
                "DEVELOPER_POLICY":"2025-10"}}""");
        assertThat(rest.status()).as("%s", rest).isEqualTo(201);
        assertThat(rest.json().path("termsAccepted").asBoolean()).isTrue();
        assertThat(rest.json().path("missingTerms").size()).isZero();

        JsonNode person = person(ledger, "p-reader").json();
        assertThat(person.path("termsAccepted").asBoolean()).isTrue();
        assertThat(person.path("acceptedTerms").path("DEVELOPER_POLICY").path("version").asText())
                .isEqualTo("2025-10");
        assertThat(ledger.get("/api/v1/recipients/no-terms").json().path("termsAccepted").asBoolean())
                .as("the person's acceptance is not the entity's").isFalse();
    }

    @Test
    void affiliationAndTermsRequestsAreReadStrictly() {
        ledger.registerWithAllTerms("strict-co");
        affiliated(ledger, "strict-co", "p-strict");

        assertProblem(ledger.post("/api/v1/recipients/strict-co/persons", "{\"personId\":\"p 1\"}"), 400,
                "INVALID_FIELD");
        assertProblem(ledger.post("/api/v1/recipients/strict-co/persons", "{}"), 400, "INVALID_FIELD");
        assertProblem(ledger.post("/api/v1/recipients/strict-co/persons", "{\"personId\":\"p-1\",\"x\":1}"), 400,
                "UNKNOWN_FIELD");
        assertProblem(ledger.post("/api/v1/recipients/strict-co/persons", "{\"personId\":"), 400,
                "MALFORMED_JSON");
        assertProblem(ledger.post("/api/v1/persons/p-strict/terms-acceptances",
                "{\"acceptedBy\":\"a@b.example\",\"documents\":{}}"), 400, "INVALID_FIELD");
        assertProblem(ledger.post("/api/v1/persons/p-strict/terms-acceptances",
                "{\"acceptedBy\":\"a@b.example\",\"documents\":{\"COOKIE_POLICY\":\"1\"}}"), 400, "INVALID_FIELD");
        assertThat(eventsOf(jdbc, "person:p-1")).isZero();
        assertThat(person(ledger, "p-strict").json().path("acceptedTerms").size()).isZero();
    }
}

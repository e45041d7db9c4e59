package com.quotaledger.api.person;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.PersonRequests;
import com.quotaledger.api.Requests;
import com.quotaledger.api.StoredDecisions;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static com.quotaledger.api.PersonRequests.affiliated;
import static com.quotaledger.api.PersonRequests.endAffiliation;
import static com.quotaledger.api.PersonRequests.export;
import static com.quotaledger.api.PersonRequests.exportObjects;
import static com.quotaledger.api.PersonRequests.person;
import static com.quotaledger.api.PersonRequests.storedExportsFor;
import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.instant;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full Post and User objects go to an affiliated person only by manual download, at most 500 together per person per
 * calendar day in the configured zone (here one that is not UTC, so a day that follows UTC's would show). Every
 * export is decided and recorded, granted or denied. Walked through with the test clock.
 */
@FreshLedger
@TestPropertySource(properties = {"ledger.test-clock.enabled=true", "ledger.policy.day-zone=Asia/Kolkata"})
class FullObjectsGoToAPersonByHandAtMostFiveHundredADay {

    private static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    @Test
    void manualDownloadsAreGrantedUntilTheDayIsFullAndRenewedTheNextDay() {
        // an hour into a day of the zone, so that the hour the test moves on stays in it, whatever the time of day
        Instant started = ledger.clockNow();
        Instant morning = LocalDate.ofInstant(started, ZONE).plusDays(1).atStartOfDay(ZONE).plusHours(1).toInstant();
        ledger.advanceClock(Duration.between(started, morning).toString());
        ledger.registerWithAllTerms("daily");
        affiliated(ledger, "daily", "p-daily");
        Instant now = ledger.clockNow();
        LocalDate day = LocalDate.ofInstant(now, ZONE);
        Instant nextDay = day.plusDays(1).atStartOfDay(ZONE).toInstant();

        Answer first = exportObjects(ledger, export("daily-1", "p-daily", 300, 100, "MANUAL_DOWNLOAD", "CSV"));

        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(first.contentType()).startsWith("application/json");
        JsonNode granted = first.json();
        assertThat(granted.path("requestId").asText()).isEqualTo("daily-1");
        assertThat(granted.path("exportId").asText()).isNotBlank();
        assertThat(granted.path("personId").asText()).isEqualTo("p-daily");
        assertThat(granted.path("recipientId").asText()).isEqualTo("daily");
        assertThat(granted.path("decision").asText()).isEqualTo("GRANTED");
        assertThat(instant(granted, "decidedAt")).isEqualTo(now);
        assertThat(granted.path("postObjectCount").asLong()).isEqualTo(300);
        assertThat(granted.path("userObjectCount").asLong()).isEqualTo(100);
        assertThat(granted.path("channel").asText()).isEqualTo("MANUAL_DOWNLOAD");
        assertThat(granted.path("format").asText()).isEqualTo("CSV");
        assertObjects(granted.path("objects"), 400, day, nextDay);
        assertThat(first.header("Retry-After")).isEmpty();
        assertObjects(person(ledger, "p-daily").json().path("objectsToday"), 400, day, nextDay);

        Answer xlsx = exportObjects(ledger, export("daily-2", "p-daily", 0, 60, "MANUAL_DOWNLOAD", "XLSX"));
        assertThat(xlsx.status()).as("%s", xlsx).isEqualTo(201);
        assertObjects(xlsx.json().path("objects"), 460, day, nextDay);
        Answer pdf = exportObjects(ledger, export("daily-3", "p-daily", 40, 0, "MANUAL_DOWNLOAD", "PDF"));
        assertThat(pdf.status()).as("up to the limit exactly: %s", pdf).isEqualTo(201);
        assertObjects(pdf.json().path("objects"), 500, day, nextDay);

        Instant later = ledger.advanceClock("PT1H");
        Answer full = exportObjects(ledger, export("daily-4", "p-daily", 1, 0));
        JsonNode denied = assertProblem(full, 429, "DAILY_OBJECT_LIMIT_EXCEEDED");
        assertThat(denied.path("requestId").asText()).isEqualTo("daily-4");
        assertThat(denied.path("decision").asText()).isEqualTo("DENIED");
        assertThat(denied.path("personId").asText()).isEqualTo("p-daily");
        assertThat(denied.path("recipientId").asText()).isEqualTo("daily");
        assertThat(instant(denied, "decidedAt")).isEqualTo(later);
        assertThat(instant(denied, "retryAt")).isEqualTo(nextDay);
        assertObjects(denied.path("objects"), 500, day, nextDay);
        assertThat(full.header("Retry-After"))
                .contains(Long.toString(secondsRoundedUp(Duration.between(later, nextDay))));

        ledger.advanceClock(Duration.between(later, nextDay).minusMillis(1).toString());
        Answer lastMoment = exportObjects(ledger, export("daily-5", "p-daily", 1, 0));
        assertThat(instant(assertProblem(lastMoment, 429, "DAILY_OBJECT_LIMIT_EXCEEDED"), "retryAt"))
                .isEqualTo(nextDay);
        assertThat(lastMoment.header("Retry-After")).as("a millisecond rounds up to a second").contains("1");

        assertThat(ledger.advanceClock("PT0.001S")).isEqualTo(nextDay);
        Instant dayAfter = day.plusDays(2).atStartOfDay(ZONE).toInstant();
        assertObjects(person(ledger, "p-daily").json().path("objectsToday"), 0, day.plusDays(1), dayAfter);
        Answer renewed = exportObjects(ledger, export("daily-6", "p-daily", 500, 0));
        assertThat(renewed.status()).as("a new day: %s", renewed).isEqualTo(201);
        assertObjects(renewed.json().path("objects"), 500, day.plusDays(1), dayAfter);
    }

    @Test
    void objectsNotStatedToBePublicAreRefusedAndTheRefusalIsRecorded() {
        ledger.registerWithAllTerms("private-objects");
        affiliated(ledger, "private-objects", "p-private");
        String notPublic = export("private-1", "p-private", 10, 0, "MANUAL_DOWNLOAD", "CSV")
                .replace("\"publicObjectsOnly\":true", "\"publicObjectsOnly\":false");

        Answer refused = exportObjects(ledger, notPublic);

        JsonNode denied = assertProblem(refused, 422, "NON_PUBLIC_OBJECTS_FORBIDDEN");
        assertThat(denied.path("decision").asText()).isEqualTo("DENIED");
        assertThat(denied.path("publicObjectsOnly").asBoolean(true)).isFalse();
        assertThat(storedExportsFor(jdbc, "private-1")).singleElement()
                .satisfies(stored -> assertThat(stored.granted()).isFalse());
        assertThat(person(ledger, "p-private").json().path("objectsToday").path("used").asLong()).isZero();
        assertThat(exportObjects(ledger, export("private-2", "p-private", 10, 0, "MANUAL_DOWNLOAD", "CSV")).status())
                .as("the same export, stated public").isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"API", "FEED", "SCHEDULED_JOB"})
    void automatedChannelsAreRefusedAndTheRefusalIsRecorded(String channel) {
        String recipientId = "auto-" + channel.toLowerCase().replace('_', '-');
        String personId = "p-" + recipientId;
        String requestId = recipientId + "-1";
        ledger.registerWithAllTerms(recipientId);
        affiliated(ledger, recipientId, personId);

        Answer refused = exportObjects(ledger, export(requestId, personId, 10, 0, channel, "CSV"));

        JsonNode denied = assertProblem(refused, 422, "AUTOMATED_OBJECT_DELIVERY_FORBIDDEN");
        assertThat(denied.path("decision").asText()).isEqualTo("DENIED");
        assertThat(denied.path("channel").asText()).isEqualTo(channel);
        assertThat(denied.has("retryAt")).isFalse();
        assertThat(refused.header("Retry-After")).isEmpty();
        assertThat(storedExportsFor(jdbc, requestId)).singleElement()
                .satisfies(stored -> assertThat(stored.granted()).isFalse());
        assertThat(person(ledger, personId).json().path("objectsToday").path("used").asLong()).isZero();
    }

    @Test
    void anExportToAnUnknownPersonIsNotDecided() {
        Answer unknown = exportObjects(ledger, export("ghost-1", "p-ghost", 10, 0));

        assertThat(assertProblem(unknown, 404, "PERSON_NOT_FOUND").path("personId").asText()).isEqualTo("p-ghost");
        assertThat(storedExportsFor(jdbc, "ghost-1")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM request_log WHERE request_id = 'ghost-1'", Long.class))
                .isZero();

        ledger.registerWithAllTerms("ghost-co");
        affiliated(ledger, "ghost-co", "p-ghost");
        Answer decided = exportObjects(ledger, export("ghost-1", "p-ghost", 10, 0));
        assertThat(decided.status()).as("the requestId was never decided: %s", decided).isEqualTo(201);
    }

    @Test
    void aPersonWhoLeftTheirEntityReceivesObjectsOnlyUnderTermsOfTheirOwn() {
        ledger.registerWithAllTerms("left-co");
        affiliated(ledger, "left-co", "p-left");
        assertThat(exportObjects(ledger, export("left-0", "p-left", 10, 0)).status()).isEqualTo(201);
        assertThat(endAffiliation(ledger, "left-co", "p-left").status()).isEqualTo(204);

        Answer refused = exportObjects(ledger, export("left-1", "p-left", 10, 0));

        JsonNode denied = assertProblem(refused, 422, "TERMS_NOT_ACCEPTED");
        assertThat(denied.path("personId").asText()).isEqualTo("p-left");
        assertThat(storedExportsFor(jdbc, "left-1")).singleElement()
                .satisfies(stored -> assertThat(stored.granted()).isFalse());
        assertThat(person(ledger, "p-left").json().path("objectsToday").path("used").asLong()).isEqualTo(10);

        assertThat(ledger.post("/api/v1/persons/p-left/terms-acceptances", Requests.allTerms()).status())
                .isEqualTo(201);
        Answer granted = exportObjects(ledger, export("left-2", "p-left", 10, 0));
        assertThat(granted.status()).as("%s", granted).isEqualTo(201);
        assertThat(granted.json().path("recipientId").isNull()).as("%s", granted).isTrue();
        assertThat(person(ledger, "p-left").json().path("objectsToday").path("used").asLong()).isEqualTo(20);
    }

    @Test
    void aPersonRegisteredOnTheirOwnReceivesObjectsAndKeepsTheDaysCountWhenAffiliatedLater() {
        Answer registered = ledger.post("/api/v1/persons", PersonRequests.affiliation("p-walk-in"));
        assertThat(registered.status()).as("%s", registered).isEqualTo(201);
        assertThat(registered.header("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/v1/persons/p-walk-in"));
        assertThat(registered.json().path("recipientId").isNull()).isTrue();
        assertProblem(ledger.post("/api/v1/persons", PersonRequests.affiliation("p-walk-in")), 409,
                "PERSON_ALREADY_EXISTS");
        assertProblem(exportObjects(ledger, export("walk-in-0", "p-walk-in", 10, 0)), 422, "TERMS_NOT_ACCEPTED");

        assertThat(ledger.post("/api/v1/persons/p-walk-in/terms-acceptances", Requests.allTerms()).status())
                .isEqualTo(201);
        assertThat(exportObjects(ledger, export("walk-in-1", "p-walk-in", 300, 0)).status()).isEqualTo(201);
        ledger.registerWithAllTerms("walk-in-co");
        affiliated(ledger, "walk-in-co", "p-walk-in");
        assertProblem(exportObjects(ledger, export("walk-in-2", "p-walk-in", 201, 0)), 429,
                "DAILY_OBJECT_LIMIT_EXCEEDED");
        Answer withTheEntity = exportObjects(ledger, export("walk-in-3", "p-walk-in", 200, 0));
        assertThat(withTheEntity.json().path("recipientId").asText()).isEqualTo("walk-in-co");
        assertThat(person(ledger, "p-walk-in").json().path("objectsToday").path("used").asLong()).isEqualTo(500);
    }

    @Test
    void theTermsMayBeAcceptedByThePersonOrByItsEntity() {
        assertThat(ledger.post("/api/v1/recipients", Requests.registration("termless")).status()).isEqualTo(201);
        affiliated(ledger, "termless", "p-termless");
        ledger.registerWithAllTerms("termful");
        affiliated(ledger, "termful", "p-covered");

        Answer neither = exportObjects(ledger, export("terms-1", "p-termless", 10, 0));
        assertThat(assertProblem(neither, 422, "TERMS_NOT_ACCEPTED").has("retryAt")).isFalse();
        assertThat(storedExportsFor(jdbc, "terms-1")).singleElement()
                .satisfies(stored -> assertThat(stored.granted()).isFalse());

        assertThat(ledger.post("/api/v1/persons/p-termless/terms-acceptances", """
                {"acceptedBy":"p@termless.example","documents":{"TERMS_OF_SERVICE":"2025-09",\
                "PRIVACY_POLICY":"2025-09","DEVELOPER_AGREEMENT":"2025-10"}}""").status()).isEqualTo(201);
        assertProblem(exportObjects(ledger, export("terms-2", "p-termless", 10, 0)), 422, "TERMS_NOT_ACCEPTED");

        assertThat(ledger.post("/api/v1/persons/p-termless/terms-acceptances",
                "{\"acceptedBy\":\"p@termless.example\",\"documents\":{\"DEVELOPER_POLICY\":\"2025-10\"}}")
                .status()).isEqualTo(201);
        Answer personAccepted = exportObjects(ledger, export("terms-3", "p-termless", 10, 0));
        assertThat(personAccepted.status()).as("the person accepted all four: %s", personAccepted).isEqualTo(201);

        Answer entityAccepted = exportObjects(ledger, export("terms-4", "p-covered", 10, 0));
        assertThat(entityAccepted.status()).as("the entity accepted all four: %s", entityAccepted).isEqualTo(201);
    }

    @Test
    void moreThanADayInOneRequestIsRefusedForGood() {
        ledger.registerWithAllTerms("bulk");
        affiliated(ledger, "bulk", "p-bulk");

        Answer refused = exportObjects(ledger, export("bulk-1", "p-bulk", 250, 251));

        JsonNode denied = assertProblem(refused, 422, "REQUEST_EXCEEDS_LIMIT");
        assertThat(denied.has("retryAt")).as("never fits, so no retryAt: %s", denied).isFalse();
        assertThat(refused.header("Retry-After")).isEmpty();
        assertThat(denied.path("objects").path("used").asLong()).isZero();
        Answer wholeDay = exportObjects(ledger, export("bulk-2", "p-bulk", 250, 250));
        assertThat(wholeDay.status()).as("%s", wholeDay).isEqualTo(201);
    }

    @Test
    void leavingOneEntityAndJoiningAnotherDoesNotRenewTheDay() {
        ledger.registerWithAllTerms("before-co");
        ledger.registerWithAllTerms("after-co");
        affiliated(ledger, "before-co", "p-hopper");
        assertThat(exportObjects(ledger, export("hop-1", "p-hopper", 400, 0)).status()).isEqualTo(201);

        assertThat(endAffiliation(ledger, "before-co", "p-hopper").status()).isEqualTo(204);
        affiliated(ledger, "after-co", "p-hopper");
        assertThat(person(ledger, "p-hopper").json().path("objectsToday").path("used").asLong()).isEqualTo(400);

        Answer refused = exportObjects(ledger, export("hop-2", "p-hopper", 0, 101));
        JsonNode denied = assertProblem(refused, 429, "DAILY_OBJECT_LIMIT_EXCEEDED");
        assertThat(denied.path("recipientId").asText()).isEqualTo("after-co");
        assertThat(denied.path("objects").path("used").asLong()).isEqualTo(400);
        Answer rest = exportObjects(ledger, export("hop-3", "p-hopper", 0, 100));
        assertThat(rest.status()).as("%s", rest).isEqualTo(201);
        assertThat(rest.json().path("recipientId").asText()).isEqualTo("after-co");
        assertThat(rest.json().path("objects").path("used").asLong()).isEqualTo(500);
    }

    @Test
    void sharesNamingAPersonCountAgainstItsEntityOnlyWhileItIsAffiliated() {
        ledger.registerWithAllTerms("named");
        ledger.registerWithAllTerms("other-named");
        affiliated(ledger, "named", "p-named");
        affiliated(ledger, "other-named", "p-elsewhere");

        Answer granted = ledger.share(PersonRequests.shareTo("named-1", "named", "p-named", 1_000));
        assertThat(granted.status()).as("%s", granted).isEqualTo(201);
        assertThat(granted.json().path("personId").asText()).isEqualTo("p-named");
        assertThat(granted.json().path("quota").path("used").asLong()).isEqualTo(1_000);

        for (String personId : new String[]{"p-elsewhere", "p-never-seen"}) {
            String requestId = "named-" + personId;
            Answer refused = ledger.share(PersonRequests.shareTo(requestId, "named", personId, 10));
            JsonNode denied = assertProblem(refused, 422, "PERSON_NOT_AFFILIATED");
            assertThat(denied.path("personId").asText()).isEqualTo(personId);
            assertThat(denied.path("quota").path("used").asLong()).isEqualTo(1_000);
            assertThat(StoredDecisions.forRequest(jdbc, requestId)).singleElement()
                    .satisfies(stored -> assertThat(stored.granted()).isFalse());
        }

        assertThat(endAffiliation(ledger, "named", "p-named").status()).isEqualTo(204);
        assertProblem(ledger.share(PersonRequests.shareTo("named-2", "named", "p-named", 10)), 422,
                "PERSON_NOT_AFFILIATED");
        assertThat(ledger.quota("named").json().path("postIds").path("used").asLong()).isEqualTo(1_000);
        assertThat(ledger.quota("other-named").json().path("postIds").path("used").asLong()).isZero();
    }

    private static void assertObjects(JsonNode objects, long used, LocalDate day, Instant resetsAt) {
        String context = objects.toString();
        assertThat(objects.path("limit").asLong()).as(context).isEqualTo(500);
        assertThat(objects.path("used").asLong()).as(context).isEqualTo(used);
        assertThat(objects.path("remaining").asLong()).as(context).isEqualTo(500 - used);
        assertThat(objects.path("day").asText()).as(context).isEqualTo(day.toString());
        assertThat(instant(objects, "resetsAt")).as(context).isEqualTo(resetsAt);
    }

    private static long secondsRoundedUp(Duration duration) {
        return duration.getNano() == 0 ? duration.getSeconds() : duration.getSeconds() + 1;
    }
}

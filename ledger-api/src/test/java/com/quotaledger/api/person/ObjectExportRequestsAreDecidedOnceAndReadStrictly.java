package com.quotaledger.api.person;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.quotaledger.api.StoredDecisions;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.util.stream.Stream;

import static com.quotaledger.api.PersonRequests.affiliated;
import static com.quotaledger.api.PersonRequests.eventsOf;
import static com.quotaledger.api.PersonRequests.export;
import static com.quotaledger.api.PersonRequests.exportObjects;
import static com.quotaledger.api.PersonRequests.person;
import static com.quotaledger.api.PersonRequests.storedExportsFor;
import static com.quotaledger.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * An export's requestId is decided once in the whole ledger, as a share's is: sent again with the same content it
 * answers the original decision byte for byte, with other content it is refused. Its body is read as strictly as a
 * share's, and a refused body decides nothing.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
class ObjectExportRequestsAreDecidedOnceAndReadStrictly {

    private static final String VALID = """
            {"requestId":"strict-1","personId":"p-strict","postObjectCount":10,"userObjectCount":5,\
            "channel":"MANUAL_DOWNLOAD","format":"CSV","publicObjectsOnly":true}""";

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    @BeforeEach
    void connectToAPersonThatCouldReceiveObjects() {
        if (ledger.get("/api/v1/recipients/strict").status() == 404) {
            ledger.registerWithAllTerms("strict");
            affiliated(ledger, "strict", "p-strict");
        }
    }

    @Test
    void aRepeatedGrantAndARepeatedDenialAnswerTheSameBytesEvenTheNextDay() {
        ledger.registerWithAllTerms("again");
        affiliated(ledger, "again", "p-again");
        String grant = export("again-1", "p-again", 400, 100);
        Answer granted = exportObjects(ledger, grant);
        assertThat(granted.status()).as("%s", granted).isEqualTo(201);
        String deny = export("again-2", "p-again", 1, 0);
        Answer denied = exportObjects(ledger, deny);
        assertProblem(denied, 429, "DAILY_OBJECT_LIMIT_EXCEEDED");
        long events = eventsOf(jdbc, "person:p-again");

        Answer grantedAgain = exportObjects(ledger, grant);
        assertThat(grantedAgain.status()).isEqualTo(201);
        assertThat(grantedAgain.body()).isEqualTo(granted.body());
        Answer deniedAgain = exportObjects(ledger, deny);
        assertThat(deniedAgain.status()).isEqualTo(429);
        assertThat(deniedAgain.body()).isEqualTo(denied.body());
        assertThat(eventsOf(jdbc, "person:p-again")).as("nothing decided twice").isEqualTo(events);

        ledger.advanceClock("P1D");
        Answer nextDay = exportObjects(ledger, deny);
        assertThat(nextDay.status()).as("the original denial, though it fits now").isEqualTo(429);
        assertThat(nextDay.body()).isEqualTo(denied.body());
        assertThat(person(ledger, "p-again").json().path("objectsToday").path("used").asLong()).isZero();
        assertThat(storedExportsFor(jdbc, "again-1")).hasSize(1);
        assertThat(storedExportsFor(jdbc, "again-2")).hasSize(1);
    }

    @Test
    void aRequestIdSentWithOtherContentIsRefusedAndDecidesNothing() {
        ledger.registerWithAllTerms("reuse");
        affiliated(ledger, "reuse", "p-reuse");
        affiliated(ledger, "reuse", "p-reuse-2");
        Answer original = exportObjects(ledger, export("taken", "p-reuse", 10, 5, "MANUAL_DOWNLOAD", "CSV"));
        assertThat(original.status()).isEqualTo(201);

        for (String other : new String[]{
                export("taken", "p-reuse", 11, 5, "MANUAL_DOWNLOAD", "CSV"),
                export("taken", "p-reuse", 10, 6, "MANUAL_DOWNLOAD", "CSV"),
                export("taken", "p-reuse", 10, 5, "API", "CSV"),
                export("taken", "p-reuse", 10, 5, "MANUAL_DOWNLOAD", "PDF"),
                export("taken", "p-reuse-2", 10, 5, "MANUAL_DOWNLOAD", "CSV"),
                Requests.share("taken", "reuse", 10)}) {
            Answer reused = other.contains("recipientId") ? ledger.share(other) : exportObjects(ledger, other);
            assertThat(assertProblem(reused, 409, "REQUEST_ID_REUSED").path("requestId").asText())
                    .as("answer to %s", other).isEqualTo("taken");
        }

        assertThat(storedExportsFor(jdbc, "taken")).hasSize(1);
        assertThat(StoredDecisions.forRequest(jdbc, "taken")).isEmpty();
        assertThat(person(ledger, "p-reuse").json().path("objectsToday").path("used").asLong()).isEqualTo(15);
        assertThat(person(ledger, "p-reuse-2").json().path("objectsToday").path("used").asLong()).isZero();
        Answer shareIdUsedForExport = ledger.share(Requests.share("share-first", "reuse", 10));
        assertThat(shareIdUsedForExport.status()).isEqualTo(201);
        assertProblem(exportObjects(ledger, export("share-first", "p-reuse", 1, 0)), 409, "REQUEST_ID_REUSED");
    }

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                arguments("an unknown field", VALID.replace("}", ",\"extra\":1}"), "UNKNOWN_FIELD"),
                arguments("a misspelt count", VALID.replace("postObjectCount", "postObjectsCount"), "UNKNOWN_FIELD"),
                arguments("no requestId", VALID.replace("\"requestId\":\"strict-1\",", ""), "INVALID_FIELD"),
                arguments("no personId", VALID.replace("\"personId\":\"p-strict\",", ""), "INVALID_FIELD"),
                arguments("no post count", VALID.replace("\"postObjectCount\":10,", ""), "INVALID_FIELD"),
                arguments("no user count", VALID.replace("\"userObjectCount\":5,", ""), "INVALID_FIELD"),
                arguments("no channel", VALID.replace("\"channel\":\"MANUAL_DOWNLOAD\",", ""), "INVALID_FIELD"),
                arguments("no format", VALID.replace(",\"format\":\"CSV\"", ""), "INVALID_FIELD"),
                arguments("no statement that the objects are public", VALID.replace(",\"publicObjectsOnly\":true", ""),
                        "INVALID_FIELD"),
                arguments("the statement as a string", VALID.replace(":true", ":\"true\""), "INVALID_FIELD"),
                arguments("a null count", VALID.replace(":10,", ":null,"), "INVALID_FIELD"),
                arguments("a fractional count", VALID.replace(":10,", ":10.5,"), "INVALID_FIELD"),
                arguments("a count as a string", VALID.replace(":10,", ":\"10\","), "INVALID_FIELD"),
                arguments("a negative count", VALID.replace(":10,", ":-1,"), "INVALID_FIELD"),
                arguments("no objects at all", VALID.replace(":10,", ":0,").replace(":5,", ":0,"), "INVALID_FIELD"),
                arguments("an unknown channel", VALID.replace("MANUAL_DOWNLOAD", "EMAIL"), "INVALID_FIELD"),
                arguments("an unknown format", VALID.replace("CSV", "JSON"), "INVALID_FIELD"),
                arguments("a lower-case format", VALID.replace("CSV", "csv"), "INVALID_FIELD"),
                arguments("an invalid personId", VALID.replace("p-strict", "p strict"), "INVALID_FIELD"),
                arguments("an empty requestId", VALID.replace("strict-1", ""), "INVALID_FIELD"),
                arguments("an array", "[" + VALID + "]", "MALFORMED_JSON"),
                arguments("truncated JSON", VALID.substring(0, 30), "MALFORMED_JSON"),
                arguments("an empty body", "", "MALFORMED_JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBodies")
    void aBodyThatIsNotAnExactExportRequestIsRefusedAndDecidesNothing(String what, String body, String reason) {
        assertProblem(exportObjects(ledger, body), 400, reason);

        assertThat(storedExportsFor(jdbc, "strict-1")).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM request_log WHERE request_id = 'strict-1'", Long.class))
                .isZero();
        assertThat(person(ledger, "p-strict").json().path("objectsToday").path("used").asLong()).isZero();
    }

    @Test
    void anExportMustBeJson() {
        assertProblem(ledger.post("/api/v1/object-exports", "text/plain", VALID), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertThat(storedExportsFor(jdbc, "strict-1")).isEmpty();
    }
}

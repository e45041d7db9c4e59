package com.quotaledger.api.web;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.stream.Stream;

import static com.quotaledger.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * A share request is read strictly: anything but a well-formed JSON object with exactly the known fields, each of
 * the right type and in range, is a 400 with a reason code, and decides nothing. A misspelt count never becomes 0.
 */
@FreshLedger
class RequestsAreReadStrictly {

    private static final String VALID = """
            {"requestId":"strict-1","recipientId":"strict",\
            "postIdCount":10,"userIdCount":0,"directMessageIdCount":0}""";

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    @BeforeEach
    void connectToARecipientThatCouldReceiveAnything() {
        if (ledger.get("/api/v1/recipients/strict").status() == 404) {
            ledger.registerWithAllTerms("strict");
        }
    }

    static Stream<Arguments> refusedBodies() {
        return Stream.of(
                arguments("an unknown field", with("\"extra\":1"), "UNKNOWN_FIELD"),
                arguments("a misspelt count", VALID.replace("postIdCount", "postIdsCount"), "UNKNOWN_FIELD"),
                arguments("a fractional count", VALID.replace(":10,", ":10.5,"), "INVALID_FIELD"),
                arguments("a whole number written as a fraction", VALID.replace(":10,", ":10.0,"), "INVALID_FIELD"),
                arguments("a count in exponent notation", VALID.replace(":10,", ":1e1,"), "INVALID_FIELD"),
                arguments("a count as a string", VALID.replace(":10,", ":\"10\","), "INVALID_FIELD"),
                arguments("a count as a boolean", VALID.replace(":10,", ":true,"), "INVALID_FIELD"),
                arguments("a count as an array", VALID.replace(":10,", ":[10],"), "INVALID_FIELD"),
                arguments("a count as an object", VALID.replace(":10,", ":{},"), "INVALID_FIELD"),
                arguments("a count beyond a long", VALID.replace(":10,", ":99999999999999999999999,"),
                        "INVALID_FIELD"),
                arguments("the largest long as a count", VALID.replace(":10,", ":9223372036854775807,"),
                        "INVALID_FIELD"),
                arguments("a count above ten million", VALID.replace(":10,", ":10000001,"), "INVALID_FIELD"),
                arguments("a negative count", VALID.replace(":10,", ":-1,"), "INVALID_FIELD"),
                arguments("a null count", VALID.replace(":10,", ":null,"), "INVALID_FIELD"),
                arguments("a missing post count", VALID.replace("\"postIdCount\":10,", ""), "INVALID_FIELD"),
                arguments("a missing user count", VALID.replace("\"userIdCount\":0,", ""), "INVALID_FIELD"),
                arguments("a missing message count", VALID.replace(",\"directMessageIdCount\":0", ""),
                        "INVALID_FIELD"),
                arguments("all counts zero", VALID.replace(":10,", ":0,"), "INVALID_FIELD"),
                arguments("a missing requestId", VALID.replace("\"requestId\":\"strict-1\",", ""), "INVALID_FIELD"),
                arguments("a numeric requestId", VALID.replace("\"strict-1\"", "1"), "INVALID_FIELD"),
                arguments("an empty requestId", VALID.replace("\"strict-1\"", "\"\""), "INVALID_FIELD"),
                arguments("a requestId with a space", VALID.replace("\"strict-1\"", "\"strict 1\""),
                        "INVALID_FIELD"),
                arguments("a requestId of 129 characters", VALID.replace("\"strict-1\"", "\"" + "r".repeat(129) + "\""),
                        "INVALID_FIELD"),
                arguments("a missing recipientId", VALID.replace("\"recipientId\":\"strict\",", ""), "INVALID_FIELD"),
                arguments("an upper-case recipientId", VALID.replace("\"strict\"", "\"Strict\""), "INVALID_FIELD"),
                arguments("a numeric purpose", with("\"purpose\":7"), "INVALID_FIELD"),
                arguments("a boolean purpose", with("\"purpose\":false"), "INVALID_FIELD"),
                arguments("a purpose with a control character", with("\"purpose\":\"a\\u0007b\""), "INVALID_FIELD"),
                arguments("a purpose with a line separator", with("\"purpose\":\"a\\u2028b\""), "INVALID_FIELD"),
                arguments("a purpose with a paragraph separator", with("\"purpose\":\"a\\u2029b\""),
                        "INVALID_FIELD"),
                arguments("a purpose with a right-to-left override", with("\"purpose\":\"fdp.\\u202Eexe\""),
                        "INVALID_FIELD"),
                arguments("a purpose with a right-to-left isolate", with("\"purpose\":\"a\\u2067b\\u2069\""),
                        "INVALID_FIELD"),
                arguments("a purpose with a right-to-left mark", with("\"purpose\":\"a\\u200Fb\""), "INVALID_FIELD"),
                arguments("a purpose with an Arabic letter mark", with("\"purpose\":\"a\\u061Cb\""),
                        "INVALID_FIELD"),
                arguments("a purpose of 1001 characters", with("\"purpose\":\"" + "p".repeat(1001) + "\""),
                        "INVALID_FIELD"),
                arguments("a cut-off object", VALID.substring(0, 30), "MALFORMED_JSON"),
                arguments("an empty body", "", "MALFORMED_JSON"),
                arguments("null", "null", "MALFORMED_JSON"),
                arguments("an array", "[" + VALID + "]", "MALFORMED_JSON"),
                arguments("a string", "\"share\"", "MALFORMED_JSON"),
                arguments("a second value after the object", VALID + " {}", "MALFORMED_JSON"),
                arguments("a duplicated field", with("\"postIdCount\":20"), "MALFORMED_JSON"),
                arguments("single quotes", VALID.replace('"', '\''), "MALFORMED_JSON"),
                arguments("a comment", "/* hello */" + VALID, "MALFORMED_JSON"),
                arguments("NaN as a count", VALID.replace(":10,", ":NaN,"), "MALFORMED_JSON"),
                arguments("a leading zero", VALID.replace(":10,", ":010,"), "MALFORMED_JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBodies")
    void aShareWithAnInvalidBodyIsRefusedAndDecidesNothing(String description, String body, String reason) {
        long decided = decidedRequests();

        JsonNode problem = assertProblem(ledger.post("/api/v1/shares", body), 400, reason);

        if (!reason.equals("MALFORMED_JSON")) {
            assertThat(problem.toString()).as("the problem names the field").containsPattern("\"field\"");
        }
        assertThat(decidedRequests()).as("requests decided after %s", description).isEqualTo(decided);
    }

    @Test
    void theValidBodyThoseAreMadeFromIsGranted() {
        Answer granted = ledger.post("/api/v1/shares", VALID.replace("strict-1", "strict-valid"));
        assertThat(granted.status()).as("%s", granted).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml",
            "application/octet-stream"})
    void aShareInAnotherMediaTypeIsRefused(String contentType) {
        long decided = decidedRequests();

        assertProblem(ledger.post("/api/v1/shares", contentType, VALID), 415, "UNSUPPORTED_MEDIA_TYPE");

        assertThat(decidedRequests()).isEqualTo(decided);
    }

    /** YAML would slip past the strict JSON reading: a fractional count, a count as text, a misspelt field. */
    @Test
    void aShareInYamlIsRefusedRatherThanReadLeniently() {
        long decided = decidedRequests();

        assertProblem(ledger.post("/api/v1/shares", "application/yaml", """
                requestId: strict-yaml
                recipientId: strict
                postIdCount: 10.9
                userIdCount: "0"
                directMessageIdCount: 0
                misspeltField: 1
                """), 415, "UNSUPPORTED_MEDIA_TYPE");

        assertThat(decidedRequests()).isEqualTo(decided);
    }

    @Test
    void anotherMethodIsNotAllowed() {
        for (String method : new String[]{"GET", "PUT", "DELETE", "PATCH"}) {
            Answer answer = ledger.send(method, "/api/v1/shares");
            assertProblem(answer, 405, "METHOD_NOT_ALLOWED");
            assertThat(answer.header("Allow")).as("%s", method).contains("POST");
        }
        assertProblem(ledger.send("DELETE", "/api/v1/recipients/strict"), 405, "METHOD_NOT_ALLOWED");
    }

    @Test
    void anUnknownPathIsNotFound() {
        assertProblem(ledger.get("/api/v1/nothing-here"), 404, "NOT_FOUND");
        assertProblem(ledger.get("/api/v2/shares"), 404, "NOT_FOUND");
        assertProblem(ledger.post("/api/v1/nothing-here", "{}"), 404, "NOT_FOUND");
        assertProblem(ledger.get("/api/v1/recipients/strict/nothing-here"), 404, "NOT_FOUND");
    }

    @Test
    void anAnswerInAFormatTheClientDoesNotAcceptIsRefused() {
        Answer answer = ledger.get("/api/v1/recipients/strict", "Accept", "text/html");
        assertThat(answer.status()).isEqualTo(406);
        assertThat(answer.json().path("reason").asText()).isEqualTo("NOT_ACCEPTABLE");
    }

    @Test
    void theErrorPathIsNotAnEndpoint() {
        assertProblem(ledger.get("/error"), 404, "NOT_FOUND");
        assertProblem(ledger.post("/error", "{}"), 404, "NOT_FOUND");
    }

    /** Requests that the servlet container refuses before any controller sees them. */
    static Stream<Arguments> refusedByTheContainer() {
        return Stream.of(
                arguments("an encoded NUL in the path", "GET", "/api/v1/recipients/a%00b", new String[0], 400,
                        "BAD_REQUEST"),
                arguments("an encoded slash in the path", "GET", "/api/v1/recipients/a%2Fb", new String[0], 400,
                        "BAD_REQUEST"),
                arguments("an encoded backslash in the path", "GET", "/api/v1/recipients/a%5Cb", new String[0], 400,
                        "BAD_REQUEST"),
                arguments("a header of 20 kB", "GET", "/api/v1/recipients/strict",
                        new String[]{"X-Padding", "x".repeat(20_000)}, 400, "BAD_REQUEST"),
                arguments("TRACE", "TRACE", "/api/v1/shares", new String[0], 405, "METHOD_NOT_ALLOWED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByTheContainer")
    void aRequestTheContainerRefusesIsAProblemToo(String description, String method, String path, String[] headers,
                                                  int status, String reason) {
        assertProblem(ledger.send(method, path, headers), status, reason);
    }

    private long decidedRequests() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM request_log", Long.class);
    }

    private static String with(String field) {
        return VALID.substring(0, VALID.length() - 1) + "," + field + "}";
    }
}

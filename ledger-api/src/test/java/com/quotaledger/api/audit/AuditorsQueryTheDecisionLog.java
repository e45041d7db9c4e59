package com.quotaledger.api.audit;

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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.quotaledger.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every decision can be found by recipient, person, outcome and period, a page at a time as JSON or all at once as
 * CSV, and each answer says how far the log has projected.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditorsQueryTheDecisionLog {

    static final String DECISIONS = "/api/v1/audit/decisions";

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;
    MixedWorkload.Ids ids;
    Instant nextDay;

    @BeforeAll
    void decideAMixedWorkload() {
        ids = MixedWorkload.run(ledger, "log");
        nextDay = ids.start().plus(Duration.ofDays(1));
        MixedWorkload.awaitReadModelsCaughtUp(ledger, Duration.ofSeconds(10));
    }

    @Test
    void withoutFiltersEveryDecisionIsListedOldestFirst() {
        JsonNode page = ledger.get(DECISIONS + "?size=1000&count=true").json();

        assertThat(page.path("total").asLong()).isEqualTo(13);
        assertThat(page.path("next").isNull()).as("no page after the last").isTrue();
        assertThat(page.path("size").asInt()).isEqualTo(1000);
        assertThat(requestIds(page)).containsExactly("log-r1", "log-r2", "log-r3", "log-r4", "log-r5", "log-e1",
                "log-e2", "log-e3", "log-r6", "log-r7", "log-r8", "log-r9", "log-e4");
    }

    @Test
    void anItemSaysWhatWasAskedWhatWasDecidedAndWhy() {
        JsonNode deniedFirstDay = ledger.get(DECISIONS + "?recipientId=" + ids.acme() + "&decision=DENIED&to="
                + nextDay).json();
        assertThat(requestIds(deniedFirstDay)).containsExactly("log-r2", "log-e2", "log-e3");
        JsonNode denied = deniedFirstDay.path("items").get(0);
        assertThat(denied.path("decisionType").asText()).isEqualTo("SHARE");
        assertThat(denied.path("reason").asText()).isEqualTo("ROLLING_LIMIT_EXCEEDED");
        assertThat(denied.path("decisionId").isNull()).isTrue();
        assertThat(denied.path("postIds").asLong()).isEqualTo(600_000);
        assertThat(denied.path("quotaLimit").asLong()).isEqualTo(1_500_000);
        assertThat(denied.path("quotaUsed").asLong()).isEqualTo(1_000_000);
        assertThat(denied.path("quotaRemaining").asLong()).isEqualTo(500_000);
        assertThat(denied.path("limitSource").asText()).isEqualTo("DEFAULT");
        assertThat(denied.path("basis").asText()).isEqualTo("STANDARD");
        assertThat(denied.path("actor").asText()).isEqualTo("token:admin");
        assertThat(Instant.parse(denied.path("decidedAt").asText())).isEqualTo(ids.start());
        assertThat(denied.path("aggregateId").asText()).isEqualTo(ids.acme());

        JsonNode granted = single(DECISIONS + "?recipientId=" + ids.acme() + "&decision=GRANTED&from=" + nextDay
                + "&personId=" + ids.person());
        assertThat(granted.path("requestId").asText()).isEqualTo("log-e4");
        assertThat(granted.path("decisionType").asText()).isEqualTo("OBJECT_EXPORT");
        assertThat(granted.path("decisionId").asText()).isNotBlank();
        assertThat(granted.path("postObjects").asLong()).isEqualTo(101);
        assertThat(granted.path("objectsLimit").asLong()).isEqualTo(500);
        assertThat(granted.path("objectsUsed").asLong()).isEqualTo(101);
        assertThat(granted.path("channel").asText()).isEqualTo("MANUAL_DOWNLOAD");
        assertThat(granted.path("aggregateId").asText()).isEqualTo("person:" + ids.person());

        JsonNode grantedNextDay = ledger.get(DECISIONS + "?recipientId=" + ids.acme() + "&decision=GRANTED&from="
                + nextDay).json();
        assertThat(requestIds(grantedNextDay)).containsExactly("log-r8", "log-e4");
        JsonNode underPermission = grantedNextDay.path("items").get(0);
        assertThat(underPermission.path("limitSource").asText()).isEqualTo("PERM-1");
        assertThat(underPermission.path("quotaLimit").asLong()).isEqualTo(2_500_000);
        assertThat(underPermission.path("quotaUsed").asLong()).isEqualTo(2_200_000);
        assertThat(underPermission.path("decisionId").asText()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            by recipient                 | recipientId=log-acme                   | log-r1 log-r2 log-e1 log-e2 log-e3 log-r7 log-r8 log-r9 log-e4
            by person                    | personId=log-p1                        | log-r1 log-e1 log-e2 log-e3 log-e4
            granted only                 | decision=GRANTED                       | log-r1 log-r5 log-e1 log-r6 log-r7 log-r8 log-e4
            denied only                  | decision=DENIED                        | log-r2 log-r3 log-r4 log-e2 log-e3 log-r9
            denied to one recipient      | decision=DENIED&recipientId=log-beta   | log-r4
            denied for one reason        | reason=ROLLING_LIMIT_EXCEEDED          | log-r2 log-r9
            granted for a denial reason  | decision=GRANTED&reason=REQUEST_EXCEEDS_LIMIT | ''
            a recipient nobody knows     | recipientId=nobody                     | ''
            """)
    void filtersNarrowTheListAndTheTotal(String description, String query, String expected) {
        JsonNode page = ledger.get(DECISIONS + "?size=100&count=true&" + query).json();

        List<String> expectedIds = expected.isBlank() ? List.of() : List.of(expected.split(" "));
        assertThat(requestIds(page)).containsExactlyElementsOf(expectedIds);
        assertThat(page.path("total").asLong()).isEqualTo(expectedIds.size());
    }

    @Test
    void aPeriodIncludesItsStartAndExcludesItsEnd() {
        assertThat(requestIds(ledger.get(DECISIONS + "?from=" + nextDay).json()))
                .containsExactly("log-r8", "log-r9", "log-e4");
        assertThat(ledger.get(DECISIONS + "?count=true&to=" + nextDay).json().path("total").asLong()).isEqualTo(10);
        assertThat(ledger.get(DECISIONS + "?count=true&from=" + ids.start().plusNanos(1) + "&to=" + nextDay).json()
                .path("total").asLong()).isZero();
        String offset = URLEncoder.encode(nextDay.atOffset(java.time.ZoneOffset.ofHours(2)).toString(),
                StandardCharsets.UTF_8);
        assertThat(requestIds(ledger.get(DECISIONS + "?from=" + offset).json()))
                .containsExactly("log-r8", "log-r9", "log-e4");
    }

    @Test
    void pagesFollowEachOthersCursorWithoutGapsOrRepeats() {
        List<String> paged = new ArrayList<>();
        JsonNode answer = ledger.get(DECISIONS + "?size=3").json();
        int pages = 1;
        while (true) {
            assertThat(answer.has("total")).as("counted only when asked").isFalse();
            paged.addAll(requestIds(answer));
            if (answer.path("next").isNull()) {
                break;
            }
            assertThat(answer.path("items").size()).isEqualTo(3);
            answer = ledger.get(DECISIONS + "?size=3&after=" + answer.path("next").asText()).json();
            pages++;
        }
        assertThat(pages).isEqualTo(5);
        assertThat(paged).isEqualTo(requestIds(ledger.get(DECISIONS + "?size=1000").json()));
        assertThat(ledger.get(DECISIONS).json().path("size").asInt()).isEqualTo(50);

        JsonNode denied = ledger.get(DECISIONS + "?decision=DENIED&size=4").json();
        assertThat(requestIds(ledger.get(DECISIONS + "?decision=DENIED&size=4&after=" + denied.path("next").asText())
                .json())).as("a cursor keeps its filter's order").containsExactly("log-e3", "log-r9");
    }

    @Test
    void newestFirstThePagesHoldTheSameDecisionsTheOtherWayRound() {
        List<String> paged = new ArrayList<>();
        JsonNode answer = ledger.get(DECISIONS + "?order=newest&size=3").json();
        while (true) {
            paged.addAll(requestIds(answer));
            if (answer.path("next").isNull()) {
                break;
            }
            answer = ledger.get(DECISIONS + "?order=newest&size=3&after=" + answer.path("next").asText()).json();
        }
        List<String> oldestFirst = new ArrayList<>(requestIds(ledger.get(DECISIONS + "?size=1000").json()));
        Collections.reverse(oldestFirst);
        assertThat(paged).hasSize(13).isEqualTo(oldestFirst);
        assertThat(requestIds(ledger.get(DECISIONS + "?order=newest&decision=DENIED&size=2").json()))
                .containsExactly("log-r9", "log-e3");

        String oldestCursor = ledger.get(DECISIONS + "?size=3").json().path("next").asText();
        String newestCursor = ledger.get(DECISIONS + "?order=newest&size=3").json().path("next").asText();
        assertProblem(ledger.get(DECISIONS + "?order=newest&after=" + oldestCursor), 400, "INVALID_FIELD");
        assertProblem(ledger.get(DECISIONS + "?after=" + newestCursor), 400, "INVALID_FIELD");
    }

    @Test
    void everyAnswerSaysUpToWhichEventTheLogIsProjected() {
        JsonNode upTo = ledger.get(DECISIONS).json().path("projectedUpTo");

        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        assertThat(upTo.path("position").asLong()).isEqualTo(head);
        assertThat(Instant.parse(upTo.path("eventTime").asText())).isEqualTo(nextDay);
        assertThat(upTo.path("replaying").asBoolean()).isFalse();
    }

    @Test
    void csvHasAHeaderAndOneRowPerMatchingDecision() {
        Answer csv = ledger.get(DECISIONS + "?recipientId=" + ids.beta(), "Accept", "text/csv");

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertThat(lines.get(0)).isEqualTo(quoted("decidedAt,decisionType,decision,reason,requestId,decisionId,"
                + "recipientId,personId,postIds,userIds,directMessageIds,postObjects,userObjects,basis,basisId,"
                + "quotaLimit,quotaUsed,quotaRemaining,limitSource,objectsLimit,objectsUsed,channel,format,purpose,"
                + "actor,eventPosition,aggregateId,sequenceNumber,reservationId"));
        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("\"" + ids.start() + "\",\"SHARE\",\"DENIED\",\"REQUEST_EXCEEDS_LIMIT\","
                + "\"log-r4\",,\"log-beta\",,2000000,0,0,0,0,\"STANDARD\",,1500000,0,1500000,\"DEFAULT\",,,,,,"
                + "\"token:admin\",");
        assertThat(lines.get(2)).contains(",\"SHARE\",\"GRANTED\",,\"log-r5\",").contains(",1300000,40,2,0,0,"
                + "\"STANDARD\",,1500000,1300000,200000,\"DEFAULT\",,,,,\"'=SUM(A1)\",\"token:admin\",");
        assertThat(lines.get(3)).contains(",\"log-r6\",").contains(",\"ACADEMIC_APPROVAL\",\"ACAD-1\",");
    }

    @Test
    void csvQuotesTextWithCommasAndQuotes() {
        Answer csv = ledger.get(DECISIONS + "?personId=" + ids.person() + "&decision=GRANTED&to=" + nextDay,
                "Accept", "text/csv");

        List<String> lines = List.of(csv.body().split("\r\n"));
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(",\"model evaluation, \"\"phase\"\" 1\",\"token:admin\",");
    }

    /** {@code a,b,c} as the CSV writes text cells: {@code "a","b","c"}. */
    private static String quoted(String cells) {
        return "\"" + cells.replace(",", "\",\"") + "\"";
    }

    @Test
    void csvListsEveryMatchingDecisionHoweverManyPagesTheyFill() {
        Answer csv = ledger.get(DECISIONS + "?decision=DENIED", "Accept", "text/csv");

        assertThat(csv.body().split("\r\n")).hasSize(1 + 6);
        assertThat(csv.body()).endsWith("\r\n");
        assertThat(csv.header("Content-Disposition")).hasValueSatisfying(value ->
                assertThat(value).contains("attachment").contains(".csv"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown decision          | decision=MAYBE
            a lower-case decision        | decision=granted
            a date without time          | from=2026-03-01
            a time without offset        | to=2026-03-01T00:00:00
            not a time                   | from=yesterday
            a time past the year 9999    | to=%2B10000-01-01T00:00:00Z
            a time before 1970           | from=1969-12-31T23:59:59Z
            size zero                    | size=0
            size above the maximum       | size=1001
            a negative size              | size=-1
            a page number, no longer used| page=1
            a negative page              | page=-1
            a cursor the API never gave  | after=not-a-cursor
            a cursor of another shape    | after=MjAyNi0wMS0wMVQwMDowMDowMFo
            an order that is no order    | order=sideways
            a reason that is no reason   | reason=TOO_MANY
            a reason in lower case       | reason=rolling_limit_exceeded
            a recipient id too long      | recipientId=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
            """)
    void aBadQueryIsAProblem(String description, String query) {
        assertProblem(ledger.get(DECISIONS + "?" + query), 400, "INVALID_FIELD");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            size not a number            | size=ten
            count not a boolean          | count=maybe
            """)
    void aMistypedNumberIsAParameterProblem(String description, String query) {
        assertProblem(ledger.get(DECISIONS + "?" + query), 400, "INVALID_PARAMETER");
    }

    @Test
    void aBadQueryForCsvIsAProblemToo() {
        assertProblem(ledger.get(DECISIONS + "?decision=MAYBE", "Accept", "text/csv"), 400, "INVALID_FIELD");
        assertProblem(ledger.get(DECISIONS + "?from=soon", "Accept", "text/csv"), 400, "INVALID_FIELD");
    }

    @Test
    void theLargestPageIsAllowed() {
        assertThat(ledger.get(DECISIONS + "?size=1000").status()).isEqualTo(200);
        assertThat(ledger.get(DECISIONS + "?size=1").json().path("items").size()).isEqualTo(1);
    }

    private JsonNode single(String path) {
        JsonNode page = ledger.get(path).json();
        assertThat(page.path("items").size()).as("%s", page).isEqualTo(1);
        return page.path("items").get(0);
    }

    private static List<String> requestIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("requestId").asText()));
        return ids;
    }
}

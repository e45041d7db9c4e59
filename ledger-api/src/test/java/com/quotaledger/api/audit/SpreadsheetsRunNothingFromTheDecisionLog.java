package com.quotaledger.api.audit;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A purpose written to smuggle a formula into an auditor's spreadsheet stays text: whether the spreadsheet splits
 * lines on ',' and honours the quotes, or splits on ';', a tab or '|' and ignores them, no cell it sees starts with a
 * formula character. Text that would read other than it is stored (bidirectional controls) or break lines in some
 * readers only (line and paragraph separators) is refused before anything is recorded.
 */
@FreshLedger
class SpreadsheetsRunNothingFromTheDecisionLog {

    /** A cell a spreadsheet would run: a formula character, full-width ones too, after any blanks. */
    private static final Pattern FORMULA = Pattern.compile("^\\s*[=+\\-@\uFF1D\uFF0B\uFF0D\uFF20].*", Pattern.DOTALL);

    private static final List<String> PURPOSES = List.of(
            "=HYPERLINK(\"http://evil.example\",\"open\")",
            "report;=cmd|' /C calc'!A0",
            "a|  @SUM(1+1)",
            "plain, -2+3",
            "\uFF1D1+1",
            "-10");

    LedgerClient ledger;

    @Test
    void noCellOfTheCsvIsAFormulaHoweverTheSpreadsheetSplitsIt() {
        ledger.registerWithAllTerms("sheets");
        for (int i = 0; i < PURPOSES.size(); i++) {
            assertThat(ledger.share(share("sheet-" + i, "sheets", 10, 0, 0, PURPOSES.get(i))).status())
                    .isEqualTo(201);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                ledger.get("/api/v1/audit/decisions?count=true&recipientId=sheets").json().path("total").asLong()
                        == PURPOSES.size());

        String csv = ledger.get("/api/v1/audit/decisions?recipientId=sheets", "Accept", "text/csv").body();

        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"open\"\")\"",
                "\"report;'=cmd|' /C calc'!A0\"", "\"a|  '@SUM(1+1)\"", "\"plain, '-2+3\"", "\"'\uFF1D1+1\"",
                "\"'-10\"");
        for (String line : csv.split("\r\n")) {
            for (String separators : List.of("[,;\t|]", ",")) {
                for (String cell : line.split(separators)) {
                    String unquoted = cell.startsWith("\"") ? cell.substring(1) : cell;
                    assertThat(unquoted).as("a cell of %s split on %s", line, separators).doesNotMatch(FORMULA);
                }
            }
        }
    }

    @Test
    void textThatReadsOtherThanItIsStoredIsRefusedAndRecordsNothing() {
        ledger.registerWithAllTerms("bidi");
        String before = ledger.get("/api/v1/audit/recipients/bidi/history").body();

        for (String hidden : List.of("\u202E", "\u202D", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F",
                "\u061C", "\u2028", "\u2029")) {
            assertProblem(ledger.share(share("bidi-" + (int) hidden.charAt(0), "bidi", 10, 0, 0,
                    "invoice" + hidden + "fdp.exe")), 400, "INVALID_FIELD");
            assertProblem(ledger.post("/api/v1/recipients/bidi/terms-acceptances", """
                    {"acceptedBy":"jane%s@acme.example","documents":{"TERMS_OF_SERVICE":"2025-09"}}"""
                    .formatted(hidden)), 400, "INVALID_FIELD");
            assertProblem(ledger.post("/api/v1/recipients/bidi/limit-permissions", """
                    {"permissionId":"P-1","postIdLimit":2000000,"writtenPermissionReference":"X-1",
                     "validFrom":"2026-01-01T00:00:00Z","validUntil":"2027-01-01T00:00:00Z",
                     "grantedBy":"ops%s"}""".formatted(hidden)), 400, "INVALID_FIELD");
        }

        assertThat(ledger.get("/api/v1/audit/recipients/bidi/history").body()).isEqualTo(before);
    }
}

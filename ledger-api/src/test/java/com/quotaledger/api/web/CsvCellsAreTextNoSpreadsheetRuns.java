package com.quotaledger.api.web;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One cell of the CSV writer at a time: numbers and empty cells as they are, text quoted and never a formula. */
class CsvCellsAreTextNoSpreadsheetRuns {

    @Test
    void textIsQuotedAndEveryFormulaStartIsMarkedAsText() {
        Map<String, String> written = new LinkedHashMap<>();
        written.put("plain", "\"plain\"");
        written.put("a, \"quoted\" one", "\"a, \"\"quoted\"\" one\"");
        written.put("=SUM(A1)", "\"'=SUM(A1)\"");
        written.put("+1", "\"'+1\"");
        written.put("-1", "\"'-1\"");
        written.put("@cmd", "\"'@cmd\"");
        written.put("  =1", "\"  '=1\"");
        written.put("\uFF1D1", "\"'\uFF1D1\"");
        written.put("a;=1", "\"a;'=1\"");
        written.put("a; @x", "\"a; '@x\"");
        written.put("a|+1", "\"a|'+1\"");
        written.put("a,-1", "\"a,'-1\"");
        written.put("a\t-1", "\"a\t'-1\"");
        written.put("\t+", "\"'\t'+\"");
        written.put("\rx", "\"'\rx\"");
        written.put("a-1", "\"a-1\"");
        written.put("me@example.com", "\"me@example.com\"");
        written.put("2026-01-01T00:00:00Z", "\"2026-01-01T00:00:00Z\"");
        written.put("", "");
        written.forEach((text, cell) -> assertThat(Csv.cell(text)).as("[%s]", text).isEqualTo(cell));
    }

    @Test
    void numbersAndNothingAreWrittenAsTheyAre() {
        assertThat(Csv.cell(0L)).isEqualTo("0");
        assertThat(Csv.cell(-5)).isEqualTo("-5");
        assertThat(Csv.cell(1_500_000L)).isEqualTo("1500000");
        assertThat(Csv.cell(null)).isEmpty();
    }
}

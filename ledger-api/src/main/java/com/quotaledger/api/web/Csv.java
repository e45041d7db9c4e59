package com.quotaledger.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes RFC 4180 CSV that no spreadsheet runs. These files are opened by people, in spreadsheets that run a cell
 * beginning with = + - or @ as a formula, and in locales that split lines on ';' (or a tab, or '|') rather than ','
 * and may ignore the quotes. So every text cell is quoted, and an apostrophe goes before a formula character that
 * starts the text or follows any of those separators, however many blanks lie between (a spreadsheet shows it as
 * text); text starting with a tab or a carriage return gets one too.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";

    /** A formula character, full-width ones included, at the start or after a separator, with the blanks before it. */
    private static final Pattern FORMULA = Pattern.compile("((?:^|[,;\t|])\\s*)([=+\\-@\uFF1D\uFF0B\uFF0D\uFF20])");

    private Csv() {
    }

    public static void writeRow(Writer writer, List<?> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(cell(cells.get(i)));
        }
        writer.write("\r\n");
    }

    static String cell(Object value) {
        if (value instanceof Number || value == null || value.toString().isEmpty()) {
            return value == null ? "" : value.toString();
        }
        String text = FORMULA.matcher(value.toString()).replaceAll("$1'$2");
        if (!text.isEmpty() && (text.charAt(0) == '\t' || text.charAt(0) == '\r')) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }
}

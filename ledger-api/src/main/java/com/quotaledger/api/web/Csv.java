package com.quotaledger.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * Writes RFC 4180 CSV. Text that a spreadsheet would run as a formula (starting with = + - @ or a control
 * character) is prefixed with an apostrophe, since these files are opened by people.
 */
public final class Csv {

    public static final String MEDIA_TYPE = "text/csv";

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
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}

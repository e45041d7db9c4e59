package com.quotaledger.reports;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Adds to counters in a row, creating the row on first use. Each key is written by one segment of one processor
 * only (events are sequenced per aggregate), so update-then-insert cannot race.
 */
final class Counters {

    private Counters() {
    }

    static void add(JdbcTemplate jdbc, String table, Map<String, Object> key, Map<String, Long> increments) {
        List<Object> arguments = new ArrayList<>(increments.values());
        arguments.addAll(key.values());
        String update = "UPDATE " + table + " SET "
                + increments.keySet().stream().map(column -> column + " = " + column + " + ?")
                .collect(Collectors.joining(", "))
                + " WHERE " + key.keySet().stream().map(column -> column + " = ?")
                .collect(Collectors.joining(" AND "));
        if (jdbc.update(update, arguments.toArray()) == 0) {
            Map<String, Object> row = new LinkedHashMap<>(key);
            row.putAll(increments);
            jdbc.update("INSERT INTO " + table + " (" + String.join(", ", row.keySet()) + ") VALUES ("
                    + row.keySet().stream().map(column -> "?").collect(Collectors.joining(", ")) + ")",
                    row.values().toArray());
        }
    }

    /** An ordered map of column names to values, for keys and increments. */
    static Map<String, Object> columns(Object... namesAndValues) {
        Map<String, Object> columns = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            columns.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return columns;
    }

    static Map<String, Long> increments(Object... namesAndValues) {
        Map<String, Long> increments = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            increments.put((String) namesAndValues[i], ((Number) namesAndValues[i + 1]).longValue());
        }
        return increments;
    }
}

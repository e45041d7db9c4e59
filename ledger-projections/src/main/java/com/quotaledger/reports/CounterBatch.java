package com.quotaledger.reports;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Increments to counters in the rows of one table, summed over a batch of events and then written with one UPDATE
 * per row, and one INSERT per row that does not exist yet (or none, for a table whose rows are made elsewhere). Each
 * row is written by one segment of one processor only (its key starts with the aggregate whose events write it), so
 * update-then-insert cannot race.
 */
final class CounterBatch implements Runnable {

    private final JdbcTemplate jdbc;
    private final String update;
    private final String insert;
    private final int counters;
    private final Map<List<Object>, long[]> increments = new LinkedHashMap<>();

    /**
     * @param insertMissing whether a row that does not exist yet is made; else its increments are dropped
     */
    CounterBatch(JdbcTemplate jdbc, String table, List<String> keyColumns, List<String> counterColumns,
                 boolean insertMissing) {
        this.jdbc = jdbc;
        this.counters = counterColumns.size();
        this.update = "UPDATE " + table + " SET "
                + counterColumns.stream().map(column -> column + " = " + column + " + ?")
                .collect(Collectors.joining(", "))
                + " WHERE " + keyColumns.stream().map(column -> column + " = ?").collect(Collectors.joining(" AND "));
        List<String> columns = Stream.concat(keyColumns.stream(), counterColumns.stream()).toList();
        this.insert = insertMissing ? "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(column -> "?").collect(Collectors.joining(", ")) + ")" : null;
    }

    /** Adds {@code amounts}, one per counter column, to the row of {@code key}. */
    void add(List<Object> key, long... amounts) {
        if (amounts.length != counters) {
            throw new IllegalArgumentException("expected " + counters + " amounts, got " + amounts.length);
        }
        long[] sums = increments.computeIfAbsent(key, row -> new long[counters]);
        for (int i = 0; i < counters; i++) {
            sums[i] = Math.addExact(sums[i], amounts[i]);
        }
    }

    @Override
    public void run() {
        if (increments.isEmpty()) {
            return;
        }
        List<List<Object>> keys = new ArrayList<>(increments.keySet());
        List<Object[]> updates = keys.stream().map(key -> concat(increments.get(key), key)).toList();
        int[] updated = jdbc.batchUpdate(update, updates);
        if (insert != null) {
            List<Object[]> inserts = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (updated[i] == 0) {
                    inserts.add(concat(keys.get(i), increments.get(keys.get(i))));
                }
            }
            if (!inserts.isEmpty()) {
                jdbc.batchUpdate(insert, inserts);
            }
        }
        increments.clear();
    }

    private static Object[] concat(long[] amounts, List<Object> key) {
        Object[] values = Arrays.copyOf(Arrays.stream(amounts).boxed().toArray(), amounts.length + key.size());
        for (int i = 0; i < key.size(); i++) {
            values[amounts.length + i] = key.get(i);
        }
        return values;
    }

    private static Object[] concat(List<Object> key, long[] amounts) {
        Object[] values = Arrays.copyOf(key.toArray(), key.size() + amounts.length);
        for (int i = 0; i < amounts.length; i++) {
            values[key.size() + i] = amounts[i];
        }
        return values;
    }
}

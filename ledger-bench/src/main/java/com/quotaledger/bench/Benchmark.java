package com.quotaledger.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Runs every workload against the packaged ledger and against the SQL baseline, on the same database kind and the
 * same request streams, checks that both took the same decisions, and writes {@code results.json}, {@code report.md}
 * and {@code chart.png}. Each system first answers a warm-up stream to recipients of its own, so that both are
 * measured compiled. After the first workload the ledger also times a replay of every read model. The ledger runs
 * with a flight recording, and the report shows where its threads spent each workload. Fails (exit 1) if any
 * workload's decisions differ.
 * <p>
 * Arguments: {@code --quick} (a run of a few minutes), {@code --postgres <jdbc url>} (both systems on PostgreSQL
 * instead of H2 files), {@code --only <text>} (only the workloads whose name contains it), {@code --jar <ledger jar>},
 * {@code --out <directory>}.
 */
public final class Benchmark {

    private static final int CLIENTS = 32;

    public static void main(String[] arguments) throws Exception {
        boolean quick = List.of(arguments).contains("--quick");
        String postgres = option(arguments, "--postgres", null);
        Path jar = Path.of(option(arguments, "--jar", "ledger-api/target/ledger-api.jar"));
        Path out = Path.of(option(arguments, "--out", "target/bench"));
        Files.createDirectories(out);
        long seed = 20261129L;

        String only = option(arguments, "--only", "");
        List<Workload> workloads = Stream.of(
                Workload.steady(quick ? 1_000 : 10_000, quick ? 3_000 : 200_000, CLIENTS, seed),
                Workload.hot(quick ? 2_000 : 50_000, CLIENTS, seed),
                Workload.longHistory(1_000, quick ? 500 : 10_000, 8),
                Workload.longHistory(quick ? 5_000 : 1_000_000, quick ? 500 : 10_000, 8))
                .filter(workload -> workload.name().contains(only)).toList();
        Workload warmUp = Workload.warmUp(quick ? 1_000 : 20_000, CLIENTS, seed + 1);

        ArrayNode results = Targets.JSON.createArrayNode();
        List<Report.Row> rows = new ArrayList<>();
        Map<String, List<Profile>> profiles = new LinkedHashMap<>();
        Report.Replay replay = null;
        boolean allSame = true;
        for (Workload workload : workloads) {
            Path dir = Files.createTempDirectory(out, "run-");
            String ledgerUrl = postgres == null ? null : schema(postgres, "bench_ledger_" + rows.size());
            String baselineUrl = postgres == null
                    ? "jdbc:h2:file:" + dir.toAbsolutePath().resolve("baseline") + ";WRITE_DELAY=0"
                    : schema(postgres, "bench_baseline_" + rows.size());
            System.out.printf("%s: %d requests%n", workload.name(), workload.size());

            Measurement ledger;
            long heap;
            Path recording = dir.resolve("ledger.jfr");
            try (Targets.LedgerProcess process = new Targets.LedgerProcess(jar, dir.resolve("ledger"), ledgerUrl,
                    recording)) {
                prepareLedger(process, warmUp);
                Measurement.of(warmUp, request -> process.http.share(request.requestId(), request.recipientId(),
                        request.postIds()));
                prepareLedger(process, workload);
                ledger = Measurement.of(workload, request -> process.http.share(request.requestId(),
                        request.recipientId(), request.postIds()));
                heap = process.heapUsedBytes();
                if (replay == null) {
                    replay = process.replay();
                    System.out.printf("  replay: %,d events in %.1f s%n", replay.events(), replay.seconds());
                }
            }
            if (Files.exists(recording)) {
                profiles.put(workload.name(), rows.isEmpty()
                        ? List.of(Profile.requestThreads(recording), Profile.readModelThreads(recording))
                        : List.of(Profile.requestThreads(recording)));
            } else {
                System.err.println("  no flight recording: the ledger was killed before it could write one");
            }
            SqlQuotaLedger sql = new SqlQuotaLedger(baselineUrl, postgres == null ? "sa" : "postgres");
            sql.createSchema();
            for (String recipient : concat(warmUp.recipients(), workload.recipients())) {
                sql.register(recipient);
            }
            for (Map.Entry<String, Integer> history : workload.history().entrySet()) {
                sql.addHistory(history.getKey(), history.getValue(), workload.historyPostIds());
            }
            Measurement baseline;
            try (Targets.BaselineServer server = new Targets.BaselineServer(sql, CLIENTS)) {
                Measurement.of(warmUp, request -> server.http.share(request.requestId(), request.recipientId(),
                        request.postIds()));
                baseline = Measurement.of(workload, request -> server.http.share(request.requestId(),
                        request.recipientId(), request.postIds()));
            }

            boolean same = Measurement.sameDecisions(workload, ledger, baseline);
            allSame &= same;
            Report.Row row = new Report.Row(workload.name(), ledger, baseline, same, heap);
            rows.add(row);
            results.add(row.toJson());
            System.out.printf("  ledger %.0f/s p99 %.1f ms; baseline %.0f/s p99 %.1f ms; same decisions: %s%n",
                    ledger.decisionsPerSecond(), ledger.p99Millis(), baseline.decisionsPerSecond(),
                    baseline.p99Millis(), same);
        }

        if (replay != null) {
            results.add(replay.toJson());
        }
        Files.writeString(out.resolve("results.json"),
                Targets.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        Report.write(out, rows, replay, profiles, quick, postgres == null ? "H2 (embedded, file)" : "PostgreSQL",
                Instant.now());
        System.out.println("Written to " + out.toAbsolutePath());
        if (!allSame) {
            System.err.println("The ledger and the baseline took different decisions on the same stream.");
            System.exit(1);
        }
    }

    /**
     * Registers every recipient (with all terms accepted) and gives it its history: real shares through the API,
     * from several clients at once, so that the ledger's history is made of real decisions.
     */
    private static void prepareLedger(Targets.LedgerProcess ledger, Workload workload) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String recipient : workload.recipients()) {
                done.add(clients.submit(() -> {
                    ledger.register(recipient);
                    return null;
                }));
            }
            for (Future<?> registration : done) {
                registration.get();
            }
            done.clear();
            for (Map.Entry<String, Integer> history : workload.history().entrySet()) {
                int shares = history.getValue();
                for (int client = 0; client < CLIENTS; client++) {
                    int first = client;
                    done.add(clients.submit(() -> {
                        for (int i = first; i < shares; i += CLIENTS) {
                            int status = ledger.http.share(history.getKey() + "-history-" + i, history.getKey(),
                                    workload.historyPostIds());
                            if (status != 201) {
                                throw new IllegalStateException("a history share was answered " + status);
                            }
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> history : done) {
                history.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first.stream(), second.stream()).toList();
    }

    /** A fresh schema on the PostgreSQL server, and the URL that uses it. */
    private static String schema(String postgres, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            statement.execute("CREATE SCHEMA " + name);
        }
        return postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    private static String option(String[] arguments, String name, String otherwise) {
        for (int i = 0; i < arguments.length - 1; i++) {
            if (arguments[i].equals(name)) {
                return arguments[i + 1];
            }
        }
        return otherwise;
    }

    private Benchmark() {
    }
}

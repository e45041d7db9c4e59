package com.quotaledger.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Runs every workload against the packaged ledger and against the SQL baseline, on the same database kind and the
 * same request streams, checks that both took the same decisions, and writes {@code results.json}, {@code report.md}
 * and {@code chart.png}.
 * <p>
 * One ledger process and one baseline serve every workload, each workload on recipients of its own. Both first answer
 * a warm-up of the same length, so that both are measured compiled. After the first workload the ledger also times a
 * replay of every read model, and before the baseline is measured the ledger's read models have caught up, so that
 * neither system shares the CPU with the other's work. The ledger runs with a flight recording, and the report shows
 * where its threads spent each workload. Fails (exit 1) if any workload's decisions differ.
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
                Workload.steady(quick ? 1_000 : 10_000, quick ? 10_000 : 200_000, CLIENTS, seed),
                Workload.hot(quick ? 5_000 : 50_000, CLIENTS, seed),
                Workload.longHistory(1_000, quick ? 2_000 : 10_000, 8),
                Workload.longHistory(quick ? 5_000 : 1_000_000, quick ? 2_000 : 10_000, 8),
                Workload.kafka(quick ? 1_000 : 10_000, quick ? 10_000 : 200_000, seed + 2))
                .filter(workload -> workload.name().contains(only)).toList();
        Duration warmUp = Duration.ofSeconds(quick ? 45 : 180);
        boolean overKafka = workloads.stream().anyMatch(workload -> workload.channel() == Workload.Channel.KAFKA);

        Path run = Files.createTempDirectory(out, "run-").toAbsolutePath();
        Path recording = run.resolve("ledger.jfr");
        String ledgerUrl = postgres == null ? null : schema(postgres, "bench_ledger");
        SqlQuotaLedger sql = new SqlQuotaLedger(postgres == null
                ? "jdbc:h2:file:" + run.resolve("baseline") + ";WRITE_DELAY=0" : schema(postgres, "bench_baseline"),
                postgres == null ? "sa" : "postgres");
        sql.createSchema();

        List<Report.Row> rows = new ArrayList<>();
        Map<String, Instant[]> windows = new LinkedHashMap<>();
        Report.Replay replay = null;
        try (KafkaPath kafka = overKafka ? new KafkaPath() : null;
             Targets.LedgerProcess ledger = new Targets.LedgerProcess(jar, run.resolve("ledger"), ledgerUrl,
                     recording, overKafka ? kafka.ledgerSettings() : List.of());
             Targets.BaselineServer baseline = new Targets.BaselineServer(sql, CLIENTS);
             AutoCloseable baselineConsumer = overKafka ? kafka.baselineConsumer(sql) : null) {
            System.out.printf("warm-up: %d s for each system%n", warmUp.toSeconds());
            List<String> warmUpRecipients = IntStream.range(0, 100).mapToObj(i -> "warm-up-" + i).toList();
            for (String recipient : warmUpRecipients) {
                ledger.register(recipient);
                sql.register(recipient);
            }
            warmUp(ledger.http, warmUpRecipients, warmUp);
            ledger.awaitReadModelsCaughtUp();
            warmUp(baseline.http, warmUpRecipients, warmUp);

            for (Workload workload : workloads) {
                System.out.printf("%s: %d requests%n", workload.name(), workload.size());
                prepareLedger(ledger, workload);
                Instant from = Instant.now();
                Measurement onLedger = workload.channel() == Workload.Channel.KAFKA
                        ? kafka.measure(workload, KafkaPath.LEDGER)
                        : Measurement.of(workload, request -> ledger.http.share(request.requestId(),
                                request.recipientId(), request.postIds()));
                windows.put(workload.name(), new Instant[]{from, Instant.now()});
                long heap = ledger.heapUsedBytes();
                ledger.awaitReadModelsCaughtUp();
                if (replay == null) {
                    replay = ledger.replay();
                    System.out.printf("  replay: %,d events in %.1f s%n", replay.events(), replay.seconds());
                }

                for (String recipient : workload.recipients()) {
                    sql.register(recipient);
                }
                for (Map.Entry<String, Integer> history : workload.history().entrySet()) {
                    sql.addHistory(history.getKey(), history.getValue(), workload.historyPostIds());
                }
                Measurement onBaseline = workload.channel() == Workload.Channel.KAFKA
                        ? kafka.measure(workload, KafkaPath.BASELINE)
                        : Measurement.of(workload, request -> baseline.http.share(request.requestId(),
                                request.recipientId(), request.postIds()));

                boolean same = Measurement.sameDecisions(workload, onLedger, onBaseline);
                rows.add(new Report.Row(workload.name(), onLedger, onBaseline, same, heap));
                System.out.printf("  ledger %.0f/s p99 %.1f ms; baseline %.0f/s p99 %.1f ms; same decisions: %s%n",
                        onLedger.decisionsPerSecond(), onLedger.p99Millis(), onBaseline.decisionsPerSecond(),
                        onBaseline.p99Millis(), same);
            }
        }

        Map<String, List<Profile>> profiles = new LinkedHashMap<>();
        if (Files.exists(recording)) {
            boolean first = true;
            for (Map.Entry<String, Instant[]> window : windows.entrySet()) {
                Instant from = window.getValue()[0];
                Instant to = window.getValue()[1];
                List<Profile> threads = new ArrayList<>(List.of(Profile.requestThreads(recording, from, to),
                        Profile.commandThread(recording, from, to)));
                if (first) {
                    threads.add(Profile.readModelThreads(recording, from, to));
                    first = false;
                }
                profiles.put(window.getKey(), threads);
            }
        } else {
            System.err.println("No flight recording: the ledger was killed before it could write one.");
        }

        ArrayNode results = Targets.JSON.createArrayNode();
        rows.forEach(row -> results.add(row.toJson()));
        if (replay != null) {
            results.add(replay.toJson());
        }
        Files.writeString(out.resolve("results.json"),
                Targets.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        Report.write(out, rows, replay, profiles, quick, postgres == null ? "H2 (embedded, file)" : "PostgreSQL",
                warmUp, Instant.now());
        System.out.println("Written to " + out.toAbsolutePath());
        if (rows.stream().anyMatch(row -> !row.sameDecisions())) {
            System.err.println("The ledger and the baseline took different decisions on the same stream.");
            System.exit(1);
        }
    }

    /**
     * Small shares to the warm-up's own recipients from every client, until the time is up: the same code paths as
     * the measured requests, so that they are compiled when measured.
     */
    private static void warmUp(Targets.Http http, List<String> recipients, Duration time) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            long end = System.nanoTime() + time.toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                String prefix = http.name() + "-warm-up-" + client + "-";
                running.add(clients.submit(() -> {
                    Random random = new Random(prefix.hashCode());
                    for (int i = 0; System.nanoTime() < end; i++) {
                        http.share(prefix + i, recipients.get(random.nextInt(recipients.size())),
                                1 + random.nextInt(100));
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
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

    /** A fresh schema on the PostgreSQL server, and the URL that uses it. */
    private static String schema(String postgres, String name) throws Exception {
        try (Connection connection = DriverManager.getConnection(postgres, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
            statement.execute("CREATE SCHEMA " + name);
        }
        return postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** The value of the last {@code name} given, so that a caller's option overrides run.sh's default. */
    private static String option(String[] arguments, String name, String otherwise) {
        for (int i = arguments.length - 2; i >= 0; i--) {
            if (arguments[i].equals(name)) {
                return arguments[i + 1];
            }
        }
        return otherwise;
    }

    private Benchmark() {
    }
}

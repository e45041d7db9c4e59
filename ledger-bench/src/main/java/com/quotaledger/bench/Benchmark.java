package com.quotaledger.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Runs every workload against the packaged ledger and against the SQL baseline, on the same database kind and the
 * same request streams, checks that both took the same decisions, and writes {@code results.json}, {@code report.md}
 * and {@code chart.png}.
 * <p>
 * One ledger process and one baseline serve every workload, each workload on recipients of its own. Both first answer
 * a warm-up of the same length, so that both are measured compiled, and the ledger's goes on until its JIT compiler
 * has settled (on two cores the compiler otherwise spends a core for the first minutes of the measured workloads,
 * and its CPU counts as the ledger's); then the benchmark measures what its own HTTP
 * clients reach against the ledger's cheapest endpoint, so that a reader can tell whether they, and not the ledger,
 * set the pace. After the first workload the ledger also times a replay of every read model, and before the baseline
 * is measured the ledger's read models have caught up, so that neither system shares the CPU with the other's work.
 * For every workload the report gives the ledger process's CPU time per decision, from just before its first request
 * until its read models have projected its last decision. The last workload repeats the steady load after a fill of
 * the ledger's store with real decisions over its Kafka bridge, so that the cost of a decision on a small and on a
 * large store can be compared. The ledger runs with a flight recording, and the report shows where its threads spent
 * each workload. Fails (exit 1) if any workload's decisions differ.
 * <p>
 * Arguments:
 * <ul>
 *     <li>{@code --quick}: a run of a few minutes (smaller workloads, 90 s of warm-up instead of 180 s);</li>
 *     <li>{@code --postgres <jdbc url>}: both systems on PostgreSQL instead of H2 files;</li>
 *     <li>{@code --only <text>}: only the workloads whose name contains it ({@code steady} runs the steady load on
 *     both stores, {@code fill} only the one after the fill);</li>
 *     <li>{@code --fill-events <n>}: the events the fill stores before the last workload, 1,000,000 unless given;
 *     0 leaves that workload out;</li>
 *     <li>{@code --warm-up-seconds <s>}: each system's warm-up, for a smoke run of a minute or two;</li>
 *     <li>{@code --jar <ledger jar>}, {@code --out <directory>}.</li>
 * </ul>
 * The report names the command that started the run: {@code BENCH_COMMAND} from the environment (run.sh sets it),
 * else the arguments.
 */
public final class Benchmark {

    private static final int CLIENTS = 32;
    /** Long enough for a steady rate, short enough to leave the run's time to the workloads. */
    private static final Duration CLIENT_CEILING_TIME = Duration.ofSeconds(5);
    private static final Duration CLIENT_CEILING_WARM_UP = Duration.ofSeconds(1);
    /** The JIT has settled when compiling took less than 5 % of one core over such a stretch of warm-up. */
    private static final Duration SETTLING_STRETCH = Duration.ofSeconds(10);
    private static final double SETTLED_SHARE_OF_A_CORE = 0.05;
    private static final Duration MOST_SETTLING = Duration.ofMinutes(3);

    public static void main(String[] arguments) throws Exception {
        long runStart = System.nanoTime();
        boolean quick = List.of(arguments).contains("--quick");
        String postgres = option(arguments, "--postgres", null);
        Path jar = Path.of(option(arguments, "--jar", "ledger-api/target/ledger-api.jar"));
        Path out = Path.of(option(arguments, "--out", "target/bench"));
        int fillEvents = Integer.parseInt(option(arguments, "--fill-events", "1000000"));
        Duration warmUp = Duration.ofSeconds(Long.parseLong(option(arguments, "--warm-up-seconds",
                quick ? "90" : "180")));
        String command = System.getenv().getOrDefault("BENCH_COMMAND",
                "java " + Benchmark.class.getName() + " " + String.join(" ", arguments));
        Files.createDirectories(out);
        long seed = 20261129L;

        String only = option(arguments, "--only", "");
        int steadyRecipients = quick ? 1_000 : 10_000;
        int steadyRequests = quick ? 10_000 : 200_000;
        Workload steady = Workload.steady(steadyRecipients, steadyRequests, CLIENTS, seed);
        Workload afterFill = fillEvents <= 0 ? null : Workload.steadyAfterFill(StoreFill.ofEvents(fillEvents),
                steadyRecipients, steadyRequests, CLIENTS, seed);
        List<Workload> workloads = Stream.of(
                        steady,
                        Workload.hot(quick ? 5_000 : 50_000, CLIENTS, seed),
                        Workload.longHistory(1_000, quick ? 2_000 : 10_000, 8),
                        // 2,000 requests in both runs: the baseline sums every share in the window per decision,
                        // about a third of a second at a million, one recipient's decisions one after another
                        Workload.longHistory(quick ? 5_000 : 1_000_000, 2_000, 8),
                        Workload.kafka(quick ? 1_000 : 10_000, quick ? 10_000 : 200_000, seed + 2),
                        afterFill)
                .filter(Objects::nonNull).filter(workload -> workload.name().contains(only)).toList();
        boolean overKafka = workloads.stream().anyMatch(workload -> workload.channel() == Workload.Channel.KAFKA
                || !workload.fill().isEmpty());

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
        Report.ClientCeiling ceiling;
        Report.AtRest atRest = null;
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
            if (!warmUp.isZero()) {
                Duration settling = warmUpUntilCompiled(ledger, warmUpRecipients);
                System.out.printf("the ledger's JIT settled after %d s more of warm-up%n", settling.toSeconds());
            }
            ledger.awaitReadModelsCaughtUp();
            ceiling = clientCeiling(ledger.http);
            System.out.printf("client ceiling: %,.0f requests/s against GET /actuator/health, %.3f ms of client CPU "
                    + "per request%n", ceiling.requestsPerSecond(), ceiling.clientCpuMillisPerRequest());
            Duration ledgerCpuBeforeRest = ledger.cpuTime();
            long restStart = System.nanoTime();
            warmUp(baseline.http, warmUpRecipients, warmUp);
            if (!warmUp.isZero()) {
                atRest = new Report.AtRest(secondsSince(restStart), ledger.cpuTime().minus(ledgerCpuBeforeRest));
            }

            for (Workload workload : workloads) {
                System.out.printf("%s: %d requests%n", workload.name(), workload.size());
                Report.Fill fill = workload.fill().isEmpty() ? null : fill(ledger, kafka, sql, workload.fill());
                prepareLedger(ledger, workload);
                // the ledger's CPU counts from here: nothing of the preparation is still being projected
                long eventsAtStart = ledger.awaitReadModelsCaughtUp();
                Duration cpuBefore = ledger.cpuTime();
                Instant from = Instant.now();
                Measurement onLedger = workload.channel() == Workload.Channel.KAFKA
                        ? kafka.measure(workload, KafkaPath.LEDGER)
                        : Measurement.of(workload, request -> ledger.http.share(request.requestId(),
                                request.recipientId(), request.postIds()));
                windows.put(workload.name(), new Instant[]{from, Instant.now()});
                // projecting the decisions is part of their cost: the CPU counts until the read models have done so
                ledger.awaitReadModelsCaughtUp();
                Duration ledgerCpu = ledger.cpuTime().minus(cpuBefore);
                long heap = ledger.heapUsedBytes();
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
                long baselineRowsAtStart = sql.shareRows();
                Measurement onBaseline = workload.channel() == Workload.Channel.KAFKA
                        ? kafka.measure(workload, KafkaPath.BASELINE)
                        : Measurement.of(workload, request -> baseline.http.share(request.requestId(),
                                request.recipientId(), request.postIds()));

                boolean same = Measurement.sameDecisions(workload, onLedger, onBaseline);
                Report.Row row = new Report.Row(workload.name(), workload.channel(), workload.size(), onLedger,
                        onBaseline, same, heap, ledgerCpu, eventsAtStart, baselineRowsAtStart, fill);
                rows.add(row);
                System.out.printf("  ledger %.0f/s p99 %.1f ms, %.3f ms CPU per decision on %,d events; baseline "
                                + "%.0f/s p99 %.1f ms; same decisions: %s%n", onLedger.decisionsPerSecond(),
                        onLedger.latencies().p99Millis(), row.ledgerCpuMillisPerDecision(), eventsAtStart,
                        onBaseline.decisionsPerSecond(), onBaseline.latencies().p99Millis(), same);
            }
        }

        Map<String, List<Profile>> profiles = Map.of();
        if (Files.exists(recording)) {
            Map<String, Profile.Window> profiled = new LinkedHashMap<>();
            windows.forEach((workload, window) -> profiled.put(workload, new Profile.Window(window[0], window[1],
                    profiled.isEmpty()
                            ? List.of(Profile.Threads.REQUESTS, Profile.Threads.COMMANDS, Profile.Threads.READ_MODELS)
                            : List.of(Profile.Threads.REQUESTS, Profile.Threads.COMMANDS))));
            profiles = Profile.of(recording, profiled);
        } else {
            System.err.println("No flight recording: the ledger was killed before it could write one.");
        }

        Report.StoreGrowth storeGrowth = rowOf(rows, steady) != null && afterFill != null
                && rowOf(rows, afterFill) != null ? new Report.StoreGrowth(rowOf(rows, steady), rowOf(rows, afterFill))
                : null;
        Report.write(out, new Report.Run(rows, replay, ceiling, atRest, storeGrowth, quick,
                postgres == null ? "H2 (embedded, file)" : "PostgreSQL", warmUp, Instant.now(),
                Duration.ofNanos(System.nanoTime() - runStart), command), profiles);
        System.out.println("Written to " + out.toAbsolutePath());
        if (rows.stream().anyMatch(row -> !row.sameDecisions())) {
            System.err.println("The ledger and the baseline took different decisions on the same stream.");
            System.exit(1);
        }
    }

    private static Report.Row rowOf(List<Report.Row> rows, Workload workload) {
        return rows.stream().filter(row -> row.workload().equals(workload.name())).findFirst().orElse(null);
    }

    /**
     * Small shares to the warm-up's own recipients from every client, until the time is up: the same code paths as
     * the measured requests, so that they are compiled when measured.
     */
    private static void warmUp(Targets.Http http, List<String> recipients, Duration time) throws Exception {
        fromEveryClientFor(time, client -> {
            String prefix = http.name() + "-warm-up-" + client + "-";
            Random random = new Random(prefix.hashCode());
            AtomicLong next = new AtomicLong();
            return () -> http.share(prefix + next.getAndIncrement(),
                    recipients.get(random.nextInt(recipients.size())), 1 + random.nextInt(100));
        });
    }

    /**
     * Goes on warming the ledger up, a stretch at a time, until its JIT compiler spent less than 5 % of one core on the
     * last stretch, or for {@link #MOST_SETTLING} at most; returns how long it took.
     */
    private static Duration warmUpUntilCompiled(Targets.LedgerProcess ledger, List<String> recipients)
            throws Exception {
        long start = System.nanoTime();
        double compiled = ledger.compilationMillis();
        while (Duration.ofNanos(System.nanoTime() - start).compareTo(MOST_SETTLING) < 0) {
            warmUp(ledger.http, recipients, SETTLING_STRETCH);
            double compiledNow = ledger.compilationMillis();
            if (compiledNow - compiled < SETTLED_SHARE_OF_A_CORE * SETTLING_STRETCH.toMillis()) {
                break;
            }
            compiled = compiledNow;
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * What the benchmark's clients reach against the ledger's cheapest endpoint, and the CPU their threads spend per
     * request: if a workload comes near that rate, or the clients' CPU at a workload's rate is a large share of the
     * machine, the clients and not the ledger may set its pace.
     */
    private static Report.ClientCeiling clientCeiling(Targets.Http http) throws Exception {
        IntFunction<Runnable> health = client -> () -> {
            int status = http.get("/actuator/health").statusCode();
            if (status != 200) {
                throw new IllegalStateException("the ledger's health was answered " + status);
            }
        };
        fromEveryClientFor(CLIENT_CEILING_WARM_UP, health);
        long start = System.nanoTime();
        Sent sent = fromEveryClientFor(CLIENT_CEILING_TIME, health);
        double seconds = secondsSince(start);
        return new Report.ClientCeiling(CLIENTS, sent.requests() / seconds,
                sent.clientCpuNanos() / 1e6 / sent.requests());
    }

    /** Requests answered, and the CPU time the client threads spent on them. */
    private record Sent(long requests, long clientCpuNanos) {
    }

    /** Sends each client's next request, each client waiting for its answer, until the time is up. */
    private static Sent fromEveryClientFor(Duration time, IntFunction<Runnable> requestsOfClient) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try {
            long end = System.nanoTime() + time.toNanos();
            List<Future<Sent>> running = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                Runnable request = requestsOfClient.apply(client);
                running.add(clients.submit(() -> {
                    long cpuBefore = threads.getCurrentThreadCpuTime();
                    long answered = 0;
                    while (System.nanoTime() < end) {
                        request.run();
                        answered++;
                    }
                    return new Sent(answered, threads.getCurrentThreadCpuTime() - cpuBefore);
                }));
            }
            long answered = 0;
            long cpu = 0;
            for (Future<Sent> client : running) {
                answered += client.get().requests();
                cpu += client.get().clientCpuNanos();
            }
            return new Sent(answered, cpu);
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * Fills the ledger's store with real decisions before a workload: the fill's recipients registered over HTTP,
     * then its shares produced to the ledger's Kafka bridge, until each has its decision and the read models have
     * projected them all; then the baseline's table gets the same shares by batch insert.
     */
    private static Report.Fill fill(Targets.LedgerProcess ledger, KafkaPath kafka, SqlQuotaLedger sql,
                                    StoreFill plan) throws Exception {
        System.out.printf("  fill: %,d recipients over HTTP, then %,d shares over Kafka%n", plan.recipientCount(),
                plan.shares());
        long start = System.nanoTime();
        registerAll(ledger, plan.recipients());
        double registrationSeconds = secondsSince(start);
        ledger.awaitReadModelsCaughtUp();
        Duration cpuBefore = ledger.cpuTime();
        long sharesStart = System.nanoTime();
        Map<Integer, Integer> statuses = kafka.decideOnLedger(plan);
        double sharesSeconds = secondsSince(sharesStart);
        long events = ledger.awaitReadModelsCaughtUp();
        double caughtUpSeconds = secondsSince(sharesStart);
        Duration ledgerCpu = ledger.cpuTime().minus(cpuBefore);
        double seconds = secondsSince(start);
        if (!statuses.keySet().stream().allMatch(status -> status == 201)) {
            throw new IllegalStateException("the fill's shares were answered " + statuses + " (status: shares), "
                    + "where every one fits its recipient's limit");
        }
        long baselineStart = System.nanoTime();
        sql.addShares(plan);
        Report.Fill fill = new Report.Fill(plan, seconds, registrationSeconds, sharesSeconds, caughtUpSeconds,
                ledgerCpu, events, secondsSince(baselineStart));
        System.out.printf("  fill: %s; the baseline's batch insert %.1f s%n", fill.summary(),
                fill.baselineSeconds());
        return fill;
    }

    /**
     * Registers every recipient (with all terms accepted) and gives it its history: real shares through the API,
     * from several clients at once, so that the ledger's history is made of real decisions.
     */
    private static void prepareLedger(Targets.LedgerProcess ledger, Workload workload) throws Exception {
        registerAll(ledger, workload.recipients());
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
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

    /** Registers the recipients, with all terms accepted, from every client at once. */
    private static void registerAll(Targets.LedgerProcess ledger, List<String> recipients) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (String recipient : recipients) {
                done.add(clients.submit(() -> {
                    ledger.register(recipient);
                    return null;
                }));
            }
            for (Future<?> registration : done) {
                registration.get();
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
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

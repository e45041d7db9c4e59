package com.quotaledger.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/** The figures of a run: a JSON list, a Markdown table with the machine it ran on, and a chart. */
final class Report {

    private static final Color LEDGER = new Color(0x2b6cb0);
    private static final Color BASELINE = new Color(0xa0aec0);

    /**
     * One workload on both systems.
     *
     * @param decisions             requests of the workload, each decided by each system
     * @param ledgerCpu             the ledger process's CPU time from just before the workload's first request until
     *                              its read models had projected the last decision
     * @param ledgerEventsAtStart   events in the ledger's store when the workload began
     * @param baselineRowsAtStart   rows in the baseline's shares table when the workload began
     * @param fill                  what was put in the stores before the workload, null for none
     */
    record Row(String workload, Workload.Channel channel, long decisions, Measurement ledger, Measurement baseline,
               boolean sameDecisions, long ledgerHeap, Duration ledgerCpu, long ledgerEventsAtStart,
               long baselineRowsAtStart, Fill fill) {

        double ratio() {
            return ledger.decisionsPerSecond() / baseline.decisionsPerSecond();
        }

        double ledgerCpuMillisPerDecision() {
            return ledgerCpu.toNanos() / 1e6 / decisions;
        }

        ObjectNode toJson() {
            ObjectNode json = Targets.JSON.createObjectNode();
            json.put("workload", workload);
            json.put("ledgerDecisionsPerSecond", Math.round(ledger.decisionsPerSecond()));
            json.put("baselineDecisionsPerSecond", Math.round(baseline.decisionsPerSecond()));
            json.put("ratio", Math.round(ratio() * 100) / 100.0);
            json.put("ledgerP99Millis", round(ledger.latencies().p99Millis()));
            json.put("baselineP99Millis", round(baseline.latencies().p99Millis()));
            json.put("sameDecisions", sameDecisions);
            json.put("ledgerP50Millis", round(ledger.latencies().p50Millis()));
            json.put("ledgerP999Millis", round(ledger.latencies().p999Millis()));
            json.put("baselineP50Millis", round(baseline.latencies().p50Millis()));
            json.put("baselineP999Millis", round(baseline.latencies().p999Millis()));
            json.put("ledgerHeapUsedBytes", ledgerHeap);
            json.put("decisions", decisions);
            json.put("ledgerCpuMillis", ledgerCpu.toMillis());
            json.put("ledgerCpuMillisPerDecision", Math.round(ledgerCpuMillisPerDecision() * 1000) / 1000.0);
            json.put("ledgerEventsAtStart", ledgerEventsAtStart);
            json.put("baselineShareRowsAtStart", baselineRowsAtStart);
            json.put("latenciesCorrectedForCoordinatedOmission", channel == Workload.Channel.HTTP);
            json.put("ledgerMeasuredP99Millis", round(ledger.measured().p99Millis()));
            json.put("baselineMeasuredP99Millis", round(baseline.measured().p99Millis()));
            if (fill != null) {
                fill.addTo(json);
            }
            return json;
        }
    }

    /** A rebuild of every read model from the event store. */
    record Replay(long events, double seconds) {

        double eventsPerSecond() {
            return events / seconds;
        }

        ObjectNode toJson() {
            ObjectNode json = notAWorkload("replay, " + events + " events");
            json.put("replayEventsPerSecond", Math.round(eventsPerSecond()));
            json.put("events", events);
            json.put("replaySeconds", round(seconds));
            return json;
        }
    }

    /**
     * The stores filled before a workload: the ledger's through its own API and Kafka bridge, the baseline's by a
     * batch insert of the same shares.
     *
     * @param seconds             the whole fill of the ledger's store, until its read models had projected it
     * @param registrationSeconds the fill's recipients registered over HTTP, terms accepted
     * @param sharesSeconds       from the first share sent to the last decision read
     * @param caughtUpSeconds     from the first share sent until the read models had projected every decision
     * @param ledgerCpu           the ledger's CPU time over {@code caughtUpSeconds}
     * @param ledgerEvents        events in the ledger's store after the fill
     * @param baselineSeconds     the baseline's batch insert of the same shares
     */
    record Fill(StoreFill plan, double seconds, double registrationSeconds, double sharesSeconds,
                double caughtUpSeconds, Duration ledgerCpu, long ledgerEvents, double baselineSeconds) {

        double eventsPerSecond() {
            return plan.events() / seconds();
        }

        double sharesPerSecond() {
            return plan.shares() / sharesSeconds;
        }

        double ledgerCpuMillisPerShare() {
            return ledgerCpu.toNanos() / 1e6 / plan.shares();
        }

        String summary() {
            return ("%,d events in %.1f s, %,.0f events/s: %,d recipients registered over HTTP in %.1f s, then %,d "
                    + "shares decided over the Kafka bridge in %.1f s (%,.0f/s), the read models caught up %.1f s "
                    + "later, %.3f ms of ledger CPU per share").formatted(plan.events(), seconds(), eventsPerSecond(),
                    plan.recipientCount(), registrationSeconds, plan.shares(), sharesSeconds, sharesPerSecond(),
                    caughtUpSeconds - sharesSeconds, ledgerCpuMillisPerShare());
        }

        void addTo(ObjectNode json) {
            json.put("fillEvents", plan.events());
            json.put("fillRecipients", plan.recipientCount());
            json.put("fillShares", plan.shares());
            json.put("fillSeconds", round(seconds()));
            json.put("fillEventsPerSecond", Math.round(eventsPerSecond()));
            json.put("fillRegistrationSeconds", round(registrationSeconds));
            json.put("fillSharesSeconds", round(sharesSeconds));
            json.put("fillSharesPerSecond", Math.round(sharesPerSecond()));
            json.put("fillCaughtUpSeconds", round(caughtUpSeconds));
            json.put("fillLedgerCpuMillisPerShare", Math.round(ledgerCpuMillisPerShare() * 1000) / 1000.0);
            json.put("fillBaselineSeconds", round(baselineSeconds));
        }
    }

    /**
     * What the benchmark's own HTTP clients reach against the ledger's cheapest endpoint, and the CPU their threads
     * spend per request.
     */
    record ClientCeiling(int clients, double requestsPerSecond, double clientCpuMillisPerRequest) {

        ObjectNode toJson() {
            ObjectNode json = notAWorkload("client ceiling, GET /actuator/health");
            json.put("clients", clients);
            json.put("requestsPerSecond", Math.round(requestsPerSecond));
            json.put("clientCpuMillisPerRequest", Math.round(clientCpuMillisPerRequest * 1000) / 1000.0);
            return json;
        }
    }

    /** The ledger's CPU use while it had no requests: its timers, pollers and flight recording. */
    record AtRest(double seconds, Duration ledgerCpu) {

        double ledgerCpuMillisPerSecond() {
            return ledgerCpu.toNanos() / 1e6 / seconds;
        }

        ObjectNode toJson() {
            ObjectNode json = notAWorkload("ledger at rest");
            json.put("seconds", round(seconds));
            json.put("ledgerCpuMillisPerSecond", round(ledgerCpuMillisPerSecond()));
            return json;
        }
    }

    /** The same steady load on the store as the warm-up left it, and after a fill. */
    record StoreGrowth(Row fresh, Row filled) {

        double cpuPerDecisionChange() {
            return filled.ledgerCpuMillisPerDecision() / fresh.ledgerCpuMillisPerDecision() - 1;
        }
    }

    /**
     * Everything a run measured besides the profiles; each figure that was not measured is null.
     *
     * @param took    from the benchmark's start to its report, the ledger's start included and a build before not
     * @param command the command that started the run, as its operator typed it
     */
    record Run(List<Row> rows, Replay replay, ClientCeiling ceiling, AtRest atRest, StoreGrowth storeGrowth,
               boolean quick, String store, Duration warmUp, Instant at, Duration took, String command) {

        ArrayNode toJson() {
            ArrayNode results = Targets.JSON.createArrayNode();
            rows.forEach(row -> results.add(row.toJson()));
            if (replay != null) {
                results.add(replay.toJson());
            }
            if (ceiling != null) {
                results.add(ceiling.toJson());
            }
            if (atRest != null) {
                results.add(atRest.toJson());
            }
            return results;
        }
    }

    private Report() {
    }

    static void write(Path out, Run run, Map<String, List<Profile>> profiles) throws IOException {
        Files.writeString(out.resolve("results.json"),
                Targets.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(run.toJson()));
        Files.writeString(out.resolve("report.md"), markdown(run, profiles));
        chart(out.resolve("chart.png"), run.rows());
    }

    static String markdown(Run run, Map<String, List<Profile>> profiles) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: the ledger against a plain SQL quota ledger\n\n");
        md.append("%s run, %s, %d min %d s, on %s: %d cores, %s %s, Java %s.\n\n".formatted(
                run.quick() ? "Quick" : "Full", run.at(), run.took().toMinutes(), run.took().toSecondsPart(),
                run.store(), Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version")));
        md.append("Command: `").append(run.command()).append("`\n\n");
        md.append("| Workload | Ledger decisions/s | Baseline decisions/s | Ratio | Ledger CPU ms/decision "
                + "| Ledger events at start | Ledger p50 / p99 / p99.9 ms | Baseline p50 / p99 / p99.9 ms "
                + "| Ledger heap MiB | Same decisions |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Row row : run.rows()) {
            md.append("| %s | %,.0f | %,.0f | %.2f | %.3f | %,d | %s | %s | %d | %s |\n".formatted(
                    row.workload(), row.ledger().decisionsPerSecond(), row.baseline().decisionsPerSecond(),
                    row.ratio(), row.ledgerCpuMillisPerDecision(), row.ledgerEventsAtStart(),
                    percentiles(row.ledger().latencies()), percentiles(row.baseline().latencies()),
                    row.ledgerHeap() / (1024 * 1024), row.sameDecisions() ? "yes" : "**no**"));
        }
        md.append("""

                Each system first answered %d s of warm-up requests. \
                HTTP workloads: 32 clients, each sending its next request when answered, over kept-alive \
                connections; latency is one request's round trip, and the percentiles are corrected for \
                coordinated omission: a client waiting for a slow answer sends nothing meanwhile, so every latency \
                longer than a client's mean interval between requests (clients over the decisions/s measured) also \
                counts the requests that interval would have sent, each waiting one interval less (HdrHistogram's \
                `copyCorrectedForCoordinatedOmission`; results.json has the p99 as measured, too). \
                Kafka path: the whole stream is produced at once, keyed by recipient, and each system's \
                consumer decides it and publishes the decisions; throughput is from the first send to the last \
                decision read, and latency from a request's send to its decision read, so it includes the wait \
                behind the requests produced before it and needs no correction.
                """.formatted(run.warmUp().toSeconds()));
        md.append("""

                Ledger CPU ms/decision: the ledger process's CPU time, all its threads (utime + stime of \
                `/proc/<pid>/stat`, in clock ticks of 10 ms), from just before a workload's first request until \
                its read models had projected its last decision, over the workload's decisions: projecting a \
                decision is part of what it costs. What the ledger does between workloads (registrations, \
                histories, fills, the replay, the baseline's turn) is outside that window; the cost of the flight \
                recording it runs with is inside.""");
        if (run.atRest() != null) {
            md.append(" At rest (while the baseline warmed up, %.0f s) the ledger used %.1f ms of CPU per second, "
                    .formatted(run.atRest().seconds(), run.atRest().ledgerCpuMillisPerSecond())
                    + "which the figures include for each workload's duration.");
        }
        md.append("\n");
        if (run.ceiling() != null) {
            double fastest = run.rows().stream().filter(row -> row.channel() == Workload.Channel.HTTP)
                    .mapToDouble(row -> row.ledger().decisionsPerSecond()).max().orElse(0);
            md.append("\nClient ceiling: the client reaches %,.0f requests/s against a trivial endpoint (the ledger's "
                    .formatted(run.ceiling().requestsPerSecond())
                    + "`GET /actuator/health`, %d clients as in the workloads), its threads spending %.3f ms of CPU "
                    .formatted(run.ceiling().clients(), run.ceiling().clientCpuMillisPerRequest())
                    + "per request");
            if (fastest > 0) {
                md.append(": at the fastest HTTP workload's %,.0f decisions/s they take %.0f %% of one core."
                        .formatted(fastest, fastest * run.ceiling().clientCpuMillisPerRequest() / 10));
            }
            md.append(" The endpoint is the ledger's own, so its rate is also bounded by the ledger's work on it.\n");
        }
        if (run.replay() != null) {
            md.append("\nReplay: every read model rebuilt from %,d events in %.1f s, %,.0f events/s (the SQL baseline "
                    .formatted(run.replay().events(), run.replay().seconds(), run.replay().eventsPerSecond())
                    + "has no read models to rebuild).\n");
        }
        for (Row row : run.rows()) {
            if (row.fill() != null) {
                md.append("\nFill before \"%s\": %s. The ledger's store then held %,d events; every one is a "
                        .formatted(row.workload(), row.fill().summary(), row.fill().ledgerEvents())
                        + "decision the ledger took through its API. The baseline's table got the same %,d shares "
                        .formatted(row.fill().plan().shares())
                        + "by batch insert in %.1f s and held %,d share rows when the workload began.\n"
                        .formatted(row.fill().baselineSeconds(), row.baselineRowsAtStart()));
            }
        }
        if (run.storeGrowth() != null) {
            Row fresh = run.storeGrowth().fresh();
            Row filled = run.storeGrowth().filled();
            md.append("\nStore size: the steady load took %.3f ms of ledger CPU per decision at %,.0f decisions/s "
                    .formatted(fresh.ledgerCpuMillisPerDecision(), fresh.ledger().decisionsPerSecond())
                    + "on a store of %,d events, and %.3f ms at %,.0f decisions/s on %,d events (%+.0f %% CPU per "
                    .formatted(fresh.ledgerEventsAtStart(), filled.ledgerCpuMillisPerDecision(),
                            filled.ledger().decisionsPerSecond(), filled.ledgerEventsAtStart(),
                            100 * run.storeGrowth().cpuPerDecisionChange())
                    + "decision).\n");
        }
        md.append("\nBenchmark JVM: ").append(ManagementFactory.getRuntimeMXBean().getVmName()).append(".\n");
        md.append("\n## Where the ledger's time goes\n\nFrom the flight recording the ledger wrote, cut to each "
                + "workload's time (`ledger.jfr` in the run's directory; open it with JDK Mission Control or "
                + "`jfr`).\n");
        profiles.forEach((workload, groups) -> {
            md.append("\n### ").append(workload).append("\n");
            groups.forEach(profile -> md.append("\n").append(profile.toMarkdown()));
        });
        return md.toString();
    }

    private static String percentiles(Latencies latencies) {
        return "%.1f / %.1f / %.1f".formatted(latencies.p50Millis(), latencies.p99Millis(), latencies.p999Millis());
    }

    /** A row of results.json for a figure that is not a workload: the workload fields there, empty. */
    private static ObjectNode notAWorkload(String name) {
        ObjectNode json = Targets.JSON.createObjectNode();
        json.put("workload", name);
        for (String notApplicable : List.of("ledgerDecisionsPerSecond", "baselineDecisionsPerSecond", "ratio",
                "ledgerP99Millis", "baselineP99Millis", "sameDecisions", "ledgerCpuMillisPerDecision")) {
            json.putNull(notApplicable);
        }
        return json;
    }

    /** Throughput of both systems per workload as bars, with each bar's p99 written above it. */
    private static void chart(Path file, List<Row> rows) throws IOException {
        int width = 220 * rows.size() + 120;
        int height = 480;
        int plotTop = 60;
        int plotBottom = height - 110;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Decisions per second (p99 latency above each bar)", 20, 30);
        double max = rows.stream().mapToDouble(row -> Math.max(row.ledger().decisionsPerSecond(),
                row.baseline().decisionsPerSecond())).max().orElse(1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setStroke(new BasicStroke(1));
        g.drawLine(60, plotBottom, width - 20, plotBottom);
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            int x = 80 + 220 * i;
            bar(g, x, plotBottom, plotTop, row.ledger(), max, LEDGER);
            bar(g, x + 80, plotBottom, plotTop, row.baseline(), max, BASELINE);
            g.setColor(Color.BLACK);
            String[] words = row.workload().split(", ");
            for (int line = 0; line < words.length; line++) {
                g.drawString(words[line], x, plotBottom + 20 + 15 * line);
            }
        }
        g.setColor(LEDGER);
        g.fillRect(width - 220, 40, 12, 12);
        g.setColor(BASELINE);
        g.fillRect(width - 120, 40, 12, 12);
        g.setColor(Color.BLACK);
        g.drawString("ledger", width - 202, 51);
        g.drawString("SQL baseline", width - 102, 51);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void bar(Graphics2D g, int x, int bottom, int top, Measurement measurement, double max,
                            Color color) {
        int barHeight = (int) ((bottom - top - 30) * measurement.decisionsPerSecond() / max);
        g.setColor(color);
        g.fillRect(x, bottom - barHeight, 70, barHeight);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, "%,.0f/s", measurement.decisionsPerSecond()), x, bottom - barHeight
                - 18);
        g.drawString(String.format(Locale.ROOT, "p99 %.1f ms", measurement.latencies().p99Millis()), x,
                bottom - barHeight - 4);
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}

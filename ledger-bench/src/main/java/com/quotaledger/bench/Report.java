package com.quotaledger.bench;

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

    record Row(String workload, Measurement ledger, Measurement baseline, boolean sameDecisions, long ledgerHeap) {

        double ratio() {
            return ledger.decisionsPerSecond() / baseline.decisionsPerSecond();
        }

        ObjectNode toJson() {
            ObjectNode json = Targets.JSON.createObjectNode();
            json.put("workload", workload);
            json.put("ledgerDecisionsPerSecond", Math.round(ledger.decisionsPerSecond()));
            json.put("baselineDecisionsPerSecond", Math.round(baseline.decisionsPerSecond()));
            json.put("ratio", Math.round(ratio() * 100) / 100.0);
            json.put("ledgerP99Millis", round(ledger.p99Millis()));
            json.put("baselineP99Millis", round(baseline.p99Millis()));
            json.put("sameDecisions", sameDecisions);
            json.put("ledgerP50Millis", round(ledger.p50Millis()));
            json.put("ledgerP999Millis", round(ledger.p999Millis()));
            json.put("baselineP50Millis", round(baseline.p50Millis()));
            json.put("baselineP999Millis", round(baseline.p999Millis()));
            json.put("ledgerHeapUsedBytes", ledgerHeap);
            return json;
        }
    }

    /** A rebuild of every read model from the event store. */
    record Replay(long events, double seconds) {

        double eventsPerSecond() {
            return events / seconds;
        }

        ObjectNode toJson() {
            ObjectNode json = Targets.JSON.createObjectNode();
            json.put("workload", "replay, " + events + " events");
            for (String notApplicable : List.of("ledgerDecisionsPerSecond", "baselineDecisionsPerSecond", "ratio",
                    "ledgerP99Millis", "baselineP99Millis", "sameDecisions")) {
                json.putNull(notApplicable);
            }
            json.put("replayEventsPerSecond", Math.round(eventsPerSecond()));
            json.put("events", events);
            json.put("replaySeconds", round(seconds));
            return json;
        }
    }

    private Report() {
    }

    static void write(Path out, List<Row> rows, Replay replay, Map<String, List<Profile>> profiles, boolean quick,
                      String store, Duration warmUp, Instant at) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark: the ledger against a plain SQL quota ledger\n\n");
        md.append("%s run, %s, on %s: %d cores, %s %s, Java %s.\n\n".formatted(quick ? "Quick" : "Full", at, store,
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.name"),
                System.getProperty("os.arch"), System.getProperty("java.version")));
        md.append("| Workload | Ledger decisions/s | Baseline decisions/s | Ratio | Ledger p50 / p99 / p99.9 ms "
                + "| Baseline p50 / p99 / p99.9 ms | Ledger heap MiB | Same decisions |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (Row row : rows) {
            md.append("| %s | %,.0f | %,.0f | %.2f | %.1f / %.1f / %.1f | %.1f / %.1f / %.1f | %d | %s |\n".formatted(
                    row.workload(), row.ledger().decisionsPerSecond(), row.baseline().decisionsPerSecond(),
                    row.ratio(), row.ledger().p50Millis(), row.ledger().p99Millis(), row.ledger().p999Millis(),
                    row.baseline().p50Millis(), row.baseline().p99Millis(), row.baseline().p999Millis(),
                    row.ledgerHeap() / (1024 * 1024), row.sameDecisions() ? "yes" : "**no**"));
        }
        md.append("""

                Each system first answered %d s of warm-up requests. \
                HTTP workloads: 32 clients, each sending its next request when answered; latency is one request's \
                round trip. Kafka path: the whole stream is produced at once, keyed by recipient, and each system's \
                consumer decides it and publishes the decisions; throughput is from the first send to the last \
                decision read, and latency from a request's send to its decision read, so it includes the wait \
                behind the requests produced before it.
                """.formatted(warmUp.toSeconds()));
        if (replay != null) {
            md.append("\nReplay: every read model rebuilt from %,d events in %.1f s, %,.0f events/s (the SQL baseline "
                    .formatted(replay.events(), replay.seconds(), replay.eventsPerSecond())
                    + "has no read models to rebuild).\n");
        }
        md.append("\nBenchmark JVM: ").append(ManagementFactory.getRuntimeMXBean().getVmName()).append(".\n");
        md.append("\n## Where the ledger's time goes\n\nFrom the flight recording the ledger wrote, cut to each "
                + "workload's time (`ledger.jfr` in the run's directory; open it with JDK Mission Control or "
                + "`jfr`).\n");
        profiles.forEach((workload, groups) -> {
            md.append("\n### ").append(workload).append("\n");
            groups.forEach(profile -> md.append("\n").append(profile.toMarkdown()));
        });
        Files.writeString(out.resolve("report.md"), md.toString());
        chart(out.resolve("chart.png"), rows);
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
        g.drawString(String.format(Locale.ROOT, "p99 %.1f ms", measurement.p99Millis()), x, bottom - barHeight - 4);
    }

    private static double round(double millis) {
        return Math.round(millis * 100) / 100.0;
    }
}

package com.quotaledger.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a group of the ledger's threads spent a workload, from the flight recording the ledger wrote: on the CPU, by
 * the method running (JFR's execution samples); and waiting, by the first frame outside the JDK that waited (parks
 * and monitor entries), so that a lock or a pool shows up under the code that took it.
 *
 * @param threads        the threads profiled
 * @param cpuSamples     execution samples of those threads
 * @param onCpu          samples per method at the top of the stack, most first
 * @param phases         samples per phase of the work (a method anywhere on the stack), most first
 * @param waiting        time waited per waiting site, most first
 */
record Profile(String threads, long cpuSamples, List<Map.Entry<String, Long>> onCpu,
               List<Map.Entry<String, Long>> phases, List<Map.Entry<String, Duration>> waiting) {

    private static final int TOP = 12;
    private static final Set<String> WAITS = Set.of("jdk.ThreadPark", "jdk.JavaMonitorEnter");
    /** Where idle threads wait for work: not time that any request or event waited. */
    private static final Set<String> IDLE = Set.of("org.apache.tomcat.util.threads.TaskQueue.poll",
            "org.apache.tomcat.util.threads.TaskQueue.take", "com.quotaledger.api.audit.GroupCommit.commitGroups");

    /** The phases of deciding and projecting, each known by a method that is on the stack while it runs. */
    private static final Map<String, String> PHASES = Map.ofEntries(
            Map.entry("org.h2.engine.SessionLocal.commit", "H2: commit (writes the changed pages)"),
            Map.entry("org.postgresql.jdbc.PgConnection.commit", "PostgreSQL: commit"),
            Map.entry("org.axonframework.modelling.command.LockingRepository.doLoad",
                    "Axon: load the aggregate (cache, snapshot, events)"),
            Map.entry("org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine.appendEvents",
                    "Axon: append the events"),
            Map.entry("org.axonframework.eventsourcing.AbstractSnapshotter.scheduleSnapshot", "Axon: snapshots"),
            Map.entry("org.axonframework.serialization.json.JacksonSerializer.serialize",
                    "Jackson: write events and snapshots"),
            Map.entry("org.axonframework.serialization.json.JacksonSerializer.deserialize",
                    "Jackson: read events and snapshots"),
            Map.entry("com.quotaledger.recipient.RecipientEntity.handle", "Ledger: decide (the recipient's handler)"),
            Map.entry("com.quotaledger.requests.RequestLog.record", "Ledger: request log (write)"),
            Map.entry("com.quotaledger.requests.RequestLog.find", "Ledger: request log (look up a requestId)"),
            Map.entry("com.quotaledger.audit.DecisionLog.append", "Ledger: decision log"),
            Map.entry("com.quotaledger.reports.ReportProjections.on", "Ledger: reports"),
            Map.entry("org.springframework.web.servlet.mvc.method.annotation."
                    + "AbstractMessageConverterMethodArgumentResolver.readWithMessageConverters",
                    "Spring MVC: read the JSON request"),
            Map.entry("org.springframework.web.servlet.mvc.method.annotation."
                    + "AbstractMessageConverterMethodProcessor.writeWithMessageConverters",
                    "Spring MVC: write the JSON answer"));

    /** The threads that serve HTTP requests: reading them, and answering once their commands have committed. */
    static Profile requestThreads(Path recording, Instant from, Instant to) throws IOException {
        return of(recording, "request threads", "-exec-", from, to);
    }

    /** The one thread that takes every command, in groups that commit together. */
    static Profile commandThread(Path recording, Instant from, Instant to) throws IOException {
        return of(recording, "group-commit thread", "ledger-group-commit", from, to);
    }

    /** The threads that project events into the read models: the live ones, and a replay. */
    static Profile readModelThreads(Path recording, Instant from, Instant to) throws IOException {
        return of(recording, "read-model threads", "WorkPackage[", from, to);
    }

    /** The named threads' samples and waits that started between {@code from} and {@code to}. */
    private static Profile of(Path recording, String threads, String nameContains, Instant from, Instant to)
            throws IOException {
        long samples = 0;
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> phases = new HashMap<>();
        Map<String, Duration> waits = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                boolean sample = type.equals("jdk.ExecutionSample");
                if (!sample && !WAITS.contains(type)
                        || event.getStartTime().isBefore(from) || event.getStartTime().isAfter(to)) {
                    continue;
                }
                RecordedThread thread = sample ? event.getThread("sampledThread") : event.getThread();
                RecordedStackTrace stack = event.getStackTrace();
                if (!named(thread, nameContains) || stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                if (sample) {
                    samples++;
                    top.merge(name(frames.get(0)), 1L, Long::sum);
                    frames.stream().map(frame -> PHASES.get(name(frame))).filter(Objects::nonNull).distinct()
                            .forEach(phase -> phases.merge(phase, 1L, Long::sum));
                } else {
                    frames.stream().map(Profile::name).filter(method -> !method.startsWith("java.")
                                    && !method.startsWith("jdk.") && !method.startsWith("sun."))
                            .findFirst()
                            .filter(site -> !IDLE.contains(site))
                            .ifPresent(site -> waits.merge(site, event.getDuration(), Duration::plus));
                }
            }
        }
        return new Profile(threads, samples, most(top), most(phases), most(waits));
    }

    /** A Markdown section: the top methods on the CPU, inclusive, and the top waits. */
    String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("Ledger %s, %,d CPU samples. On the CPU (top of stack):\n\n".formatted(threads, cpuSamples));
        md.append("| Method | Share of samples |\n| --- | ---: |\n");
        onCpu.forEach(entry -> md.append("| `%s` | %.1f %% |\n".formatted(entry.getKey(),
                100.0 * entry.getValue() / cpuSamples)));
        md.append("\nBy phase (a sample counts for every phase on its stack, so the shares may add up to more than "
                + "100 %; stacks are cut at the recording's depth, so phases far from the top are undercounted):\n\n"
                + "| Phase | Share of samples |\n| --- | ---: |\n");
        phases.forEach(entry -> md.append("| %s | %.1f %% |\n".formatted(entry.getKey(),
                100.0 * entry.getValue() / cpuSamples)));
        md.append("\nWaiting (parked or blocked on a monitor, idle pool threads left out), by the first frame "
                + "outside the JDK:\n\n"
                + "| Site | Time waited, all %s |\n| --- | ---: |\n".formatted(threads));
        waiting.forEach(entry -> md.append("| `%s` | %.1f s |\n".formatted(entry.getKey(),
                entry.getValue().toMillis() / 1000.0)));
        return md.toString();
    }

    private static boolean named(RecordedThread thread, String nameContains) {
        String name = thread == null ? null : thread.getJavaName();
        return name != null && name.contains(nameContains);
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static <V extends Comparable<V>> List<Map.Entry<String, V>> most(Map<String, V> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, V>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP).toList();
    }
}

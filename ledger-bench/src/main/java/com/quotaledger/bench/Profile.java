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
import java.util.LinkedHashMap;
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

    /** A group of the ledger's threads, known by a text in their names. */
    enum Threads {
        /** The threads that serve HTTP requests: reading them, and answering once their commands have committed. */
        REQUESTS("request threads", "-exec-"),
        /** The one thread that takes every command, in groups that commit together. */
        COMMANDS("group-commit thread", "ledger-group-commit"),
        /** The threads that project events into the read models: the live ones, and a replay. */
        READ_MODELS("read-model threads", "WorkPackage[");

        private final String description;
        private final String nameContains;

        Threads(String description, String nameContains) {
            this.description = description;
            this.nameContains = nameContains;
        }
    }

    /** A stretch of the recording, and the groups of threads to profile in it. */
    record Window(Instant from, Instant to, List<Threads> threads) {

        boolean contains(Instant time) {
            return !time.isBefore(from) && !time.isAfter(to);
        }
    }

    /**
     * Each window's profiles, one for each of its groups of threads, from the samples and waits that started in it.
     * The recording is read once for all windows: it grows with the run, and reading it again for every window and
     * group took most of a minute of a quick run.
     */
    static Map<String, List<Profile>> of(Path recording, Map<String, Window> windows) throws IOException {
        Map<String, Map<Threads, Tally>> tallies = new LinkedHashMap<>();
        windows.forEach((name, window) -> {
            Map<Threads, Tally> byThreads = new LinkedHashMap<>();
            window.threads().forEach(threads -> byThreads.put(threads, new Tally()));
            tallies.put(name, byThreads);
        });
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                boolean sample = type.equals("jdk.ExecutionSample");
                if (!sample && !WAITS.contains(type)) {
                    continue;
                }
                RecordedStackTrace stack = event.getStackTrace();
                if (stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                RecordedThread thread = sample ? event.getThread("sampledThread") : event.getThread();
                windows.forEach((name, window) -> {
                    if (window.contains(event.getStartTime())) {
                        tallies.get(name).forEach((threads, tally) -> {
                            if (named(thread, threads.nameContains)) {
                                tally.add(event, sample);
                            }
                        });
                    }
                });
            }
        }
        Map<String, List<Profile>> profiles = new LinkedHashMap<>();
        tallies.forEach((name, byThreads) -> profiles.put(name, byThreads.entrySet().stream()
                .map(group -> group.getValue().toProfile(group.getKey().description)).toList()));
        return profiles;
    }

    /** The samples and waits of one group of threads in one window, as they are read. */
    private static final class Tally {

        private long samples;
        private final Map<String, Long> top = new HashMap<>();
        private final Map<String, Long> phases = new HashMap<>();
        private final Map<String, Duration> waits = new HashMap<>();

        void add(RecordedEvent event, boolean sample) {
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
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

        Profile toProfile(String threads) {
            return new Profile(threads, samples, most(top), most(phases), most(waits));
        }
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

package com.quotaledger.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the ledger's request threads spent a workload, from the flight recording the ledger wrote: on the CPU, by
 * the method running (JFR's execution samples); and waiting, by the first frame outside the JDK that waited (parks
 * and monitor entries), so that a lock or a pool shows up under the code that took it.
 *
 * @param cpuSamples     execution samples of the request threads
 * @param onCpu          samples per method at the top of the stack, most first
 * @param onCpuInclusive samples per ledger or Axon method anywhere on the stack, most first
 * @param waiting        time waited per waiting site, most first
 */
record Profile(long cpuSamples, List<Map.Entry<String, Long>> onCpu, List<Map.Entry<String, Long>> onCpuInclusive,
               List<Map.Entry<String, Duration>> waiting) {

    private static final int TOP = 12;
    private static final Set<String> WAITS = Set.of("jdk.ThreadPark", "jdk.JavaMonitorEnter");

    static Profile of(Path recording) throws IOException {
        long samples = 0;
        Map<String, Long> top = new HashMap<>();
        Map<String, Long> inclusive = new HashMap<>();
        Map<String, Duration> waits = new HashMap<>();
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                String type = event.getEventType().getName();
                boolean sample = type.equals("jdk.ExecutionSample");
                if (!sample && !WAITS.contains(type)) {
                    continue;
                }
                RecordedThread thread = sample ? event.getThread("sampledThread") : event.getThread();
                RecordedStackTrace stack = event.getStackTrace();
                if (!servesRequests(thread) || stack == null || stack.getFrames().isEmpty()) {
                    continue;
                }
                List<RecordedFrame> frames = stack.getFrames();
                if (sample) {
                    samples++;
                    top.merge(name(frames.get(0)), 1L, Long::sum);
                    frames.stream().map(Profile::name).filter(Profile::ours).distinct()
                            .forEach(method -> inclusive.merge(method, 1L, Long::sum));
                } else {
                    frames.stream().map(Profile::name).filter(method -> !method.startsWith("java.")
                                    && !method.startsWith("jdk.") && !method.startsWith("sun."))
                            .findFirst()
                            .ifPresent(site -> waits.merge(site, event.getDuration(), Duration::plus));
                }
            }
        }
        return new Profile(samples, most(top), most(inclusive), most(waits));
    }

    public static void main(String[] a) throws Exception { System.out.println(of(Path.of(a[0])).toMarkdown()); }

    /** A Markdown section: the top methods on the CPU, inclusive, and the top waits. */
    String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("Ledger request threads, %,d CPU samples. On the CPU (top of stack):\n\n".formatted(cpuSamples));
        md.append("| Method | Share of samples |\n| --- | ---: |\n");
        onCpu.forEach(entry -> md.append("| `%s` | %.1f %% |\n".formatted(entry.getKey(),
                100.0 * entry.getValue() / cpuSamples)));
        md.append("\nLedger and Axon methods on the stack (inclusive):\n\n| Method | Share of samples |\n"
                + "| --- | ---: |\n");
        onCpuInclusive.forEach(entry -> md.append("| `%s` | %.1f %% |\n".formatted(entry.getKey(),
                100.0 * entry.getValue() / cpuSamples)));
        md.append("\nWaiting (parked or blocked on a monitor), by the first frame outside the JDK:\n\n"
                + "| Site | Time waited, all request threads |\n| --- | ---: |\n");
        waiting.forEach(entry -> md.append("| `%s` | %.1f s |\n".formatted(entry.getKey(),
                entry.getValue().toMillis() / 1000.0)));
        return md.toString();
    }

    private static boolean servesRequests(RecordedThread thread) {
        String name = thread == null ? null : thread.getJavaName();
        return name != null && name.contains("-exec-");
    }

    private static boolean ours(String method) {
        return method.startsWith("com.quotaledger.") || method.startsWith("org.axonframework.");
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static <V extends Comparable<V>> List<Map.Entry<String, V>> most(Map<String, V> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, V>comparingByValue(Comparator.reverseOrder()))
                .limit(TOP).toList();
    }
}

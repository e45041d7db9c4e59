package com.quotaledger.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;

/**
 * One system on one workload: every client sends its requests in order, each waiting for its answer, and every
 * answer's status and latency is kept.
 *
 * @param statuses          each request's status, by requestId
 * @param decisionsPerSecond answered requests over the wall time of the whole stream
 */
record Measurement(Map<String, Integer> statuses, double decisionsPerSecond, double p50Millis, double p99Millis,
                   double p999Millis) {

    static Measurement of(Workload workload, ToIntFunction<Workload.Request> decide) throws Exception {
        int size = workload.size();
        long[] latencies = new long[size];
        AtomicInteger next = new AtomicInteger();
        Map<String, Integer>[] statuses = newMaps(workload.perClient().size());
        ExecutorService clients = Executors.newFixedThreadPool(workload.perClient().size());
        try {
            List<Future<?>> running = new ArrayList<>();
            long start = System.nanoTime();
            for (int client = 0; client < workload.perClient().size(); client++) {
                List<Workload.Request> requests = workload.perClient().get(client);
                Map<String, Integer> answered = statuses[client];
                running.add(clients.submit(() -> {
                    for (Workload.Request request : requests) {
                        long sent = System.nanoTime();
                        int status = decide.applyAsInt(request);
                        latencies[next.getAndIncrement()] = System.nanoTime() - sent;
                        answered.put(request.requestId(), status);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(latencies);
            Map<String, Integer> all = new HashMap<>();
            for (Map<String, Integer> answered : statuses) {
                all.putAll(answered);
            }
            return new Measurement(all, size / seconds, millis(latencies, 0.50), millis(latencies, 0.99),
                    millis(latencies, 0.999));
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * The same decisions: for every recipient, the same number of grants and denials of each size. For a recipient
     * that one client drives, that is the same decision for every request.
     */
    static boolean sameDecisions(Workload workload, Measurement ledger, Measurement baseline) {
        return outcomes(workload, ledger).equals(outcomes(workload, baseline));
    }

    private static Map<String, Map<String, Integer>> outcomes(Workload workload, Measurement measurement) {
        Map<String, Map<String, Integer>> byRecipient = new HashMap<>();
        for (List<Workload.Request> requests : workload.perClient()) {
            for (Workload.Request request : requests) {
                byRecipient.computeIfAbsent(request.recipientId(), id -> new HashMap<>())
                        .merge(request.postIds() + "->" + measurement.statuses().get(request.requestId()), 1,
                                Integer::sum);
            }
        }
        return byRecipient;
    }

    static double millis(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Integer>[] newMaps(int count) {
        Map<String, Integer>[] maps = new Map[count];
        for (int i = 0; i < count; i++) {
            maps[i] = new HashMap<>();
        }
        return maps;
    }
}

package com.quotaledger.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.ToIntFunction;

/**
 * One system on one workload: every client sends its requests in order, each waiting for its answer, and every
 * answer's status and latency is kept.
 *
 * @param statuses           each request's status, by requestId
 * @param decisionsPerSecond answered requests over the wall time of the whole stream
 * @param latencies          the percentiles reported: over HTTP corrected for the requests that clients waiting for a
 *                           slow answer did not send (see {@link Latencies#correctedForClosedLoop})
 * @param measured           the percentiles of the latencies as measured, without that correction
 */
record Measurement(Map<String, Integer> statuses, double decisionsPerSecond, Latencies latencies,
                   Latencies measured) {

    static Measurement of(Workload workload, ToIntFunction<Workload.Request> decide) throws Exception {
        int size = workload.size();
        List<List<Workload.Request>> perClient = workload.perClient().stream().filter(list -> !list.isEmpty())
                .toList();
        Histogram[] latencies = new Histogram[perClient.size()];
        Map<String, Integer>[] statuses = newMaps(perClient.size());
        ExecutorService clients = Executors.newFixedThreadPool(perClient.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            long start = System.nanoTime();
            for (int client = 0; client < perClient.size(); client++) {
                List<Workload.Request> requests = perClient.get(client);
                Map<String, Integer> answered = statuses[client];
                Histogram latency = latencies[client] = Latencies.microseconds();
                running.add(clients.submit(() -> {
                    for (Workload.Request request : requests) {
                        long sent = System.nanoTime();
                        int status = decide.applyAsInt(request);
                        latency.recordValue(Math.max(1, (System.nanoTime() - sent) / 1_000));
                        answered.put(request.requestId(), status);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Histogram all = Latencies.microseconds();
            for (Histogram latency : latencies) {
                all.add(latency);
            }
            Map<String, Integer> allStatuses = new HashMap<>();
            for (Map<String, Integer> answered : statuses) {
                allStatuses.putAll(answered);
            }
            double decisionsPerSecond = size / seconds;
            return new Measurement(allStatuses, decisionsPerSecond,
                    Latencies.of(Latencies.correctedForClosedLoop(all, perClient.size(), decisionsPerSecond)),
                    Latencies.of(all));
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

    @SuppressWarnings("unchecked")
    private static Map<String, Integer>[] newMaps(int count) {
        Map<String, Integer>[] maps = new Map[count];
        for (int i = 0; i < count; i++) {
            maps[i] = new HashMap<>();
        }
        return maps;
    }
}

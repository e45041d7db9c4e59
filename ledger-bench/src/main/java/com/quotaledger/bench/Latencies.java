package com.quotaledger.bench;

import org.HdrHistogram.Histogram;

/** Latency percentiles of one system on one workload, in milliseconds, read from a histogram of microseconds. */
record Latencies(double p50Millis, double p99Millis, double p999Millis) {

    /**
     * An empty histogram of microseconds, to three significant digits (an error of at most 0.1 % on any percentile),
     * that grows to hold any latency.
     */
    static Histogram microseconds() {
        return new Histogram(3);
    }

    static Latencies of(Histogram microseconds) {
        return new Latencies(millis(microseconds, 50), millis(microseconds, 99), millis(microseconds, 99.9));
    }

    /**
     * The latencies that the requests of clients which each wait for their answer before they send again would have
     * seen had they been sent on schedule. Such a client sends nothing while one answer is slow, so the requests it
     * would have sent meanwhile, and their waits, are missing from what it measured (coordinated omission). Each
     * latency longer than the interval a client means between its requests (clients over the throughput measured)
     * therefore also counts the requests that interval would have sent during it, each waiting one interval less.
     */
    static Histogram correctedForClosedLoop(Histogram microseconds, int clients, double decisionsPerSecond) {
        return microseconds.copyCorrectedForCoordinatedOmission(expectedIntervalMicros(clients, decisionsPerSecond));
    }

    /** One client's mean interval between requests when {@code clients} together reach the throughput. */
    static long expectedIntervalMicros(int clients, double decisionsPerSecond) {
        if (clients < 1 || !(decisionsPerSecond > 0)) {
            throw new IllegalArgumentException(clients + " clients at " + decisionsPerSecond + " decisions/s");
        }
        return Math.max(1, Math.round(clients * 1e6 / decisionsPerSecond));
    }

    private static double millis(Histogram microseconds, double percentile) {
        return microseconds.getValueAtPercentile(percentile) / 1000.0;
    }
}

package com.quotaledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One request stream, sent the same to both systems: the recipients it needs, the history each starts with, and the
 * requests of each client in order.
 * <p>
 * Every recipient's requests come from one client, in one order, so both systems decide them in the same order and
 * must take the same decisions; the exception is a hot recipient that many clients share, whose requests all have the
 * same size, so that how many are granted does not depend on their order.
 *
 * @param fill decisions put in the ledger's store before the workload, on recipients of their own (none for most)
 */
record Workload(String name, Channel channel, List<String> recipients, Map<String, Integer> history,
                long historyPostIds, List<List<Request>> perClient, StoreFill fill) {

    record Request(String requestId, String recipientId, long postIds) {
    }

    /** How the requests reach each system: from concurrent HTTP clients, or as records on a Kafka topic. */
    enum Channel {
        HTTP, KAFKA
    }

    int size() {
        return perClient.stream().mapToInt(List::size).sum();
    }

    /** Many recipients, a few of them far busier than the rest (zipf), shares of 1 to 20,000 Post IDs. */
    static Workload steady(int recipientCount, int requests, int clients, long seed) {
        return steady("steady", "steady load, " + recipientCount + " recipients (zipf)", Channel.HTTP, recipientCount,
                requests, clients, seed, StoreFill.none());
    }

    /**
     * The steady load, on recipients of its own, after {@code fill} has put its decisions in the store: the same
     * requests as {@link #steady} with the same seed, so that the store's size is all that differs.
     */
    static Workload steadyAfterFill(StoreFill fill, int recipientCount, int requests, int clients, long seed) {
        return steady("filled", "steady load, " + recipientCount + " recipients (zipf), after a fill of "
                + fill.events() + " events", Channel.HTTP, recipientCount, requests, clients, seed, fill);
    }

    /**
     * Requests like the steady load's, produced to Kafka at once and keyed by recipient, in the order of one client
     * (so both systems decide each recipient's requests in the same order).
     */
    static Workload kafka(int recipientCount, int requests, long seed) {
        return steady("kafka", "Kafka path, " + recipientCount + " recipients (zipf)", Channel.KAFKA, recipientCount,
                requests, 1, seed, StoreFill.none());
    }

    private static Workload steady(String prefix, String name, Channel channel, int recipientCount, int requests,
                                   int clients, long seed, StoreFill fill) {
        Random random = new Random(seed);
        List<String> recipients = names(prefix, recipientCount);
        double[] cumulative = zipf(recipientCount, 1.0);
        List<List<Request>> perClient = emptyClients(clients);
        for (int i = 0; i < requests; i++) {
            int recipient = pick(cumulative, random.nextDouble());
            perClient.get(recipient % clients).add(new Request(prefix + "-" + i, recipients.get(recipient),
                    1 + random.nextInt(20_000)));
        }
        return new Workload(name, channel, recipients, Map.of(), 0, perClient, fill);
    }

    /**
     * Nine requests in ten to one recipient that starts a little under its limit, from every client at once; the
     * rest spread over a hundred others.
     */
    static Workload hot(int requests, int clients, long seed) {
        Random random = new Random(seed);
        List<String> others = names("cool", 100);
        List<String> recipients = new ArrayList<>(List.of("hot"));
        recipients.addAll(others);
        List<List<Request>> perClient = emptyClients(clients);
        for (int i = 0; i < requests; i++) {
            if (random.nextInt(10) < 9) {
                perClient.get(i % clients).add(new Request("hot-" + i, "hot", 100));
            } else {
                int other = random.nextInt(others.size());
                perClient.get(other % clients).add(new Request("cool-" + i, others.get(other),
                        1 + random.nextInt(5_000)));
            }
        }
        // 1,000 shares of 1,400 Post IDs: 1,400,000 used, room for 1,000 more requests of 100
        return new Workload("hot recipient near its limit", Channel.HTTP, recipients, Map.of("hot", 1_000), 1_400,
                perClient, StoreFill.none());
    }

    /** One recipient with {@code priorShares} shares of one Post ID already inside its window, asked again. */
    static Workload longHistory(int priorShares, int requests, int clients) {
        String recipient = "history-" + priorShares;
        List<List<Request>> perClient = emptyClients(clients);
        for (int i = 0; i < requests; i++) {
            perClient.get(i % clients).add(new Request(recipient + "-" + i, recipient, 1));
        }
        return new Workload("long history, " + priorShares + " prior shares", Channel.HTTP, List.of(recipient),
                Map.of(recipient, priorShares), 1, perClient, StoreFill.none());
    }

    private static List<String> names(String prefix, int count) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            names.add(prefix + "-" + i);
        }
        return names;
    }

    private static List<List<Request>> emptyClients(int clients) {
        List<List<Request>> perClient = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            perClient.add(new ArrayList<>());
        }
        return perClient;
    }

    private static double[] zipf(int count, double exponent) {
        double[] cumulative = new double[count];
        double total = 0;
        for (int rank = 1; rank <= count; rank++) {
            total += 1 / Math.pow(rank, exponent);
            cumulative[rank - 1] = total;
        }
        for (int i = 0; i < count; i++) {
            cumulative[i] /= total;
        }
        return cumulative;
    }

    private static int pick(double[] cumulative, double uniform) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] < uniform) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}

package com.quotaledger.bench;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The baseline is only a fair comparison if it is a correct quota ledger: it grants a share exactly when the Post IDs
 * already granted in the window plus the share fit the limit, and concurrent shares to one recipient never exceed
 * it.
 */
class TheSqlBaselineDecidesLikeTheLedger {

    @Test
    void aShareIsGrantedExactlyWhenItFitsUnderTheLimit() throws Exception {
        SqlQuotaLedger baseline = fresh();
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Map<String, Long> used = new HashMap<>();
        for (String recipient : List.of("a", "b", "c")) {
            baseline.register(recipient);
            used.put(recipient, 0L);
        }
        baseline.addHistory("c", 1_000, 1_000);
        used.put("c", 1_000_000L);

        for (int i = 0; i < 600; i++) {
            String recipient = List.of("a", "b", "c").get(random.nextInt(3));
            long postIds = 1 + random.nextInt(random.nextBoolean() ? 20_000 : 400_000);
            boolean fits = used.get(recipient) + postIds <= SqlQuotaLedger.LIMIT;
            assertThat(baseline.share("r-" + i, recipient, postIds)).as("seed %d, share %d", seed, i)
                    .isEqualTo(fits);
            if (fits) {
                used.merge(recipient, postIds, Long::sum);
            }
        }
    }

    @Test
    void concurrentSharesToOneRecipientNeverExceedTheLimit() throws Exception {
        SqlQuotaLedger baseline = fresh();
        baseline.register("hot");
        AtomicLong granted = new AtomicLong();
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int thread = 0; thread < 16; thread++) {
                int first = thread;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        if (baseline.share("t" + first + "-" + i, "hot", 3_000)) {
                            granted.addAndGet(3_000);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> thread : done) {
                thread.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(granted.get()).isEqualTo(SqlQuotaLedger.LIMIT);
    }

    private static SqlQuotaLedger fresh() throws Exception {
        SqlQuotaLedger baseline = new SqlQuotaLedger("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa");
        baseline.createSchema();
        return baseline;
    }
}

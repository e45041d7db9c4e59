package com.quotaledger.api.clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The ledger's clock: decision time is always the ledger's, never a time sent by a client. A store runs on the clock
 * of its first start for good: the system clock, or the test clock of {@code ledger.test-clock.enabled}.
 */
@Configuration(proxyBeanMethods = false)
class LedgerClockConfiguration {

    static final String SYSTEM = "SYSTEM";
    static final String TEST = "TEST";

    @Bean
    @ConditionalOnProperty(name = "ledger.test-clock.enabled", havingValue = "false", matchIfMissing = true)
    Clock systemClock(JdbcTemplate jdbc) {
        requireStoreRunsOn(SYSTEM, jdbc);
        return Clock.systemUTC();
    }

    /**
     * Starts at the later of the real time and where the test clock last stood, so a restart never sends it back
     * behind what was already decided.
     */
    @Bean
    @ConditionalOnProperty(name = "ledger.test-clock.enabled", havingValue = "true")
    TestClock testClock(JdbcTemplate jdbc) {
        requireStoreRunsOn(TEST, jdbc);
        Instant saved = jdbc.query("SELECT now_at FROM test_clock WHERE id = 1",
                (row, index) -> Instant.parse(row.getString(1))).stream().findFirst().orElse(Instant.EPOCH);
        Instant realNow = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant start = saved.isAfter(realNow) ? saved : realNow;
        return new TestClock(start, now -> {
            String value = now.toString();
            if (jdbc.update("UPDATE test_clock SET now_at = ? WHERE id = 1", value) == 0) {
                jdbc.update("INSERT INTO test_clock (id, now_at) VALUES (1, ?)", value);
            }
        });
    }

    /**
     * Records {@code kind} as the store's clock at its first start, and refuses a later start on the other one: the
     * test clock, moved ahead, would empty every window and leave each recipient it touched pinned in the future on
     * the system clock, and the system clock would make a test store's future decisions the present.
     */
    private static void requireStoreRunsOn(String kind, JdbcTemplate jdbc) {
        List<String> recorded = jdbc.queryForList("SELECT kind FROM store_clock WHERE id = 1", String.class);
        if (recorded.isEmpty()) {
            try {
                jdbc.update("INSERT INTO store_clock (id, kind, recorded_at) VALUES (1, ?, ?)", kind,
                        Timestamp.from(Instant.now()));
                return;
            } catch (DuplicateKeyException anotherNodeWasFirst) {
                recorded = jdbc.queryForList("SELECT kind FROM store_clock WHERE id = 1", String.class);
            }
        }
        if (!recorded.get(0).equals(kind)) {
            throw new IllegalStateException(recorded.get(0).equals(TEST)
                    ? "This store runs on the test clock (ledger.test-clock.enabled=true) since its first start; its "
                    + "decisions stand at instants the test clock chose. Start it with the test clock, or give the "
                    + "ledger a store of its own for the system clock."
                    : "This store runs on the system clock since its first start. The test clock "
                    + "(ledger.test-clock.enabled=true) is for stores of its own: moving it ahead would empty the "
                    + "windows of real recipients and leave them in the future. Give the test clock a fresh store.");
        }
    }
}

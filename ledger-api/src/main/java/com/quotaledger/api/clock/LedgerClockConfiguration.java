package com.quotaledger.api.clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The ledger's clock: decision time is always the ledger's, never a time sent by a client. */
@Configuration(proxyBeanMethods = false)
class LedgerClockConfiguration {

    @Bean
    @ConditionalOnProperty(name = "ledger.test-clock.enabled", havingValue = "false", matchIfMissing = true)
    Clock systemClock() {
        return Clock.systemUTC();
    }

    /**
     * Starts at the later of the real time and where the test clock last stood, so a restart never sends it back
     * behind what was already decided.
     */
    @Bean
    @ConditionalOnProperty(name = "ledger.test-clock.enabled", havingValue = "true")
    TestClock testClock(JdbcTemplate jdbc) {
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
}

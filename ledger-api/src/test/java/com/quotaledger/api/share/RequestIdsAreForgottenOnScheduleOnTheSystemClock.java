package com.quotaledger.api.share;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** On the system clock the pruner runs on its own schedule and forgets a requestId once its retention has passed. */
@FreshLedger
@TestPropertySource(properties = {"ledger.idempotency.retention=PT5S", "ledger.idempotency.prune-interval=PT0.1S"})
class RequestIdsAreForgottenOnScheduleOnTheSystemClock {

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    @Test
    void theScheduleForgetsOnItsOwn() {
        ledger.registerWithAllTerms("scheduled");
        ledger.share(share("scheduled-1", "scheduled", 100));
        assertThat(isLogged("scheduled-1")).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> !isLogged("scheduled-1"));
    }

    private boolean isLogged(String requestId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM request_log WHERE request_id = ?", Long.class,
                requestId) == 1;
    }
}

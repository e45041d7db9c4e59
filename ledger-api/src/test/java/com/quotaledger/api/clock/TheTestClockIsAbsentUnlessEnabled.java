package com.quotaledger.api.clock;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.instant;
import static org.assertj.core.api.Assertions.assertThat;

/** A ledger started as in production has no test clock: nobody can move its time, and it decides on real time. */
@FreshLedger
class TheTestClockIsAbsentUnlessEnabled {

    LedgerClient ledger;

    @Test
    void theTestClockIsNotFound() {
        assertProblem(ledger.get("/api/v1/test-clock"), 404, "NOT_FOUND");
        assertProblem(ledger.post("/api/v1/test-clock/advance", "{\"duration\":\"P30D\"}"), 404, "NOT_FOUND");
    }

    @Test
    void decisionsTakeTheRealTime() {
        ledger.registerWithAllTerms("real");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Answer granted = ledger.share(Requests.share("real-1", "real", 5));
        Instant after = Instant.now();

        assertThat(granted.status()).isEqualTo(201);
        assertThat(instant(granted.json(), "decidedAt")).isBetween(before, after);
        assertThat(instant(ledger.quota("real").json(), "asOf")).isBetween(before, Instant.now());
    }
}

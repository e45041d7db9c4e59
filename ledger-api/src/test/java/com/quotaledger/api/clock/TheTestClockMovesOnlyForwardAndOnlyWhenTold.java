package com.quotaledger.api.clock;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.instant;
import static org.assertj.core.api.Assertions.assertThat;

/** With {@code ledger.test-clock.enabled}, the ledger's time stands still until advanced, and never goes back. */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
class TheTestClockMovesOnlyForwardAndOnlyWhenTold {

    LedgerClient ledger;

    @Test
    void theClockStandsStillAndDecisionsTakeItsTime() throws InterruptedException {
        Instant now = ledger.clockNow();
        Thread.sleep(30);
        assertThat(ledger.clockNow()).isEqualTo(now);

        ledger.registerWithAllTerms("still");
        assertThat(instant(ledger.get("/api/v1/recipients/still").json(), "registeredAt")).isEqualTo(now);
        Answer granted = ledger.share(Requests.share("still-1", "still", 5));
        assertThat(instant(granted.json(), "decidedAt")).isEqualTo(now);
        assertThat(instant(ledger.quota("still").json(), "asOf")).isEqualTo(now);
        assertThat(ledger.clockNow()).isEqualTo(now);
    }

    @Test
    void anAdvanceMovesTheClockByExactlyItsDuration() {
        Instant start = ledger.clockNow();

        assertThat(ledger.advanceClock("P1D")).isEqualTo(start.plus(Duration.ofDays(1)));
        assertThat(ledger.advanceClock("PT1.5S")).isEqualTo(start.plus(Duration.ofDays(1)).plusMillis(1_500));
        assertThat(ledger.advanceClock("PT0S")).isEqualTo(start.plus(Duration.ofDays(1)).plusMillis(1_500));
        assertThat(ledger.clockNow()).isEqualTo(start.plus(Duration.ofDays(1)).plusMillis(1_500));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a negative duration       | {"duration":"-P1D"}          | INVALID_FIELD
            a negative second         | {"duration":"-PT1S"}         | INVALID_FIELD
            more than ten years       | {"duration":"P3654D"}        | INVALID_FIELD
            not a duration            | {"duration":"tomorrow"}      | INVALID_FIELD
            a number                  | {"duration":86400}           | INVALID_FIELD
            no duration               | {}                           | INVALID_FIELD
            an unknown field          | {"duration":"P1D","to":"x"}  | UNKNOWN_FIELD
            broken JSON               | {"duration":                 | MALFORMED_JSON
            """)
    void aRefusedAdvanceLeavesTheClockWhereItWas(String description, String body, String reason) {
        Instant before = ledger.clockNow();

        assertProblem(ledger.post("/api/v1/test-clock/advance", body), 400, reason);

        assertThat(ledger.clockNow()).isEqualTo(before);
    }

    @Test
    void theClockIsOnlyReadAndAdvanced() {
        assertProblem(ledger.send("DELETE", "/api/v1/test-clock"), 405, "METHOD_NOT_ALLOWED");
        assertProblem(ledger.get("/api/v1/test-clock/advance"), 405, "METHOD_NOT_ALLOWED");
        assertProblem(ledger.post("/api/v1/test-clock/advance", "text/plain", "P1D"), 415, "UNSUPPORTED_MEDIA_TYPE");
    }
}

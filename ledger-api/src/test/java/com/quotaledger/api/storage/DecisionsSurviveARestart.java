package com.quotaledger.api.storage;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.quotaledger.api.RunningLedger;
import com.quotaledger.api.StoredDecisions;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.QuotaAssert.instant;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping the ledger and starting it again on the same data directory loses nothing: every decision answers as
 * before, quotas go on where they stood, and the test clock resumes where it was.
 */
class DecisionsSurviveARestart {

    private static final String TEST_CLOCK = "--ledger.test-clock.enabled=true";

    @Test
    void decisionsQuotasAndTheClockSurviveARestart() {
        Path dataDir = DataDirs.fresh("restart");
        Map<String, Answer> decided = new LinkedHashMap<>();
        Instant clockAtStop;
        String quotaAtStop;
        String recipientAtStop;
        long decisionsAtStop;
        Instant firstGrantAt;

        try (RunningLedger first = RunningLedger.start(dataDir, TEST_CLOCK)) {
            LedgerClient ledger = first.client();
            ledger.registerWithAllTerms("keep");
            assertThat(ledger.post("/api/v1/recipients", Requests.registration("unsigned")).status()).isEqualTo(201);
            ledger.advanceClock("P3D");
            decide(ledger, decided, share("keep-1", "keep", 600_000, 7, 0, "first"), 201);
            firstGrantAt = instant(decided.get(share("keep-1", "keep", 600_000, 7, 0, "first")).json(), "decidedAt");
            ledger.advanceClock("P1D");
            decide(ledger, decided, share("keep-2", "keep", 1_000_000), 429);
            decide(ledger, decided, share("keep-3", "keep", 1_500_001), 422);
            decide(ledger, decided, share("keep-4", "unsigned", 5), 422);
            decide(ledger, decided, share("keep-5", "keep", 300_000), 201);

            clockAtStop = ledger.clockNow();
            quotaAtStop = ledger.quota("keep").body();
            recipientAtStop = ledger.get("/api/v1/recipients/keep").body();
            decisionsAtStop = StoredDecisions.all(first.jdbc()).size();
        }

        Instant clockAtSecondStop;
        try (RunningLedger second = RunningLedger.start(dataDir, TEST_CLOCK)) {
            LedgerClient ledger = second.client();
            assertThat(ledger.clockNow()).as("the clock resumes where it stood").isEqualTo(clockAtStop);
            assertThat(ledger.quota("keep").body()).isEqualTo(quotaAtStop);
            assertThat(ledger.get("/api/v1/recipients/keep").body()).isEqualTo(recipientAtStop);
            decided.forEach((request, original) -> {
                Answer again = ledger.share(request);
                assertThat(again.status()).as("repeat of %s", request).isEqualTo(original.status());
                assertThat(again.body()).as("repeat of %s", request).isEqualTo(original.body());
            });
            assertThat(StoredDecisions.all(second.jdbc())).hasSize((int) decisionsAtStop);

            Answer upToTheLimit = ledger.share(share("keep-6", "keep", 600_000));
            assertThat(upToTheLimit.status()).as("%s", upToTheLimit).isEqualTo(201);
            assertThat(upToTheLimit.json().path("quota").path("used").asLong()).isEqualTo(1_500_000);
            Answer full = ledger.share(share("keep-7", "keep", 600_000));
            Instant retryAt = instant(assertProblem(full, 429, "ROLLING_LIMIT_EXCEEDED"), "retryAt");
            assertThat(retryAt).isEqualTo(firstGrantAt.plus(Duration.ofDays(30)));

            ledger.advanceClock(Duration.between(clockAtStop, retryAt).toString());
            assertThat(ledger.share(share("keep-8", "keep", 600_000)).status()).isEqualTo(201);
            clockAtSecondStop = ledger.clockNow();
        }

        try (RunningLedger third = RunningLedger.start(dataDir, TEST_CLOCK)) {
            assertThat(third.client().clockNow()).isEqualTo(clockAtSecondStop);
            assertThat(third.client().quota("keep").json().path("postIds").path("used").asLong())
                    .isEqualTo(300_000 + 600_000 + 600_000);
        }
    }

    @Test
    void theClockDoesNotGoBackAcrossARestartEvenByLessThanAMicrosecond() {
        Path dataDir = DataDirs.fresh("restart-clock");
        Instant clockAtStop;
        try (RunningLedger first = RunningLedger.start(dataDir, TEST_CLOCK)) {
            first.client().advanceClock("P1D");
            clockAtStop = first.client().advanceClock("PT0.0000004S");
        }

        try (RunningLedger second = RunningLedger.start(dataDir, TEST_CLOCK)) {
            assertThat(second.client().clockNow()).isEqualTo(clockAtStop);
        }
    }

    private static void decide(LedgerClient ledger, Map<String, Answer> decided, String request, int status) {
        Answer answer = ledger.share(request);
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        decided.put(request, answer);
    }
}

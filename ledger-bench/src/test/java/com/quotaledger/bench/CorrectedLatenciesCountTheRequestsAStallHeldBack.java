package com.quotaledger.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A client that waits for each answer sends nothing during a stall, so its measured latencies hide the requests that
 * would have waited in it; the corrected percentiles count them.
 */
class CorrectedLatenciesCountTheRequestsAStallHeldBack {

    @Test
    void aOneSecondStallAmongMillisecondAnswersRaisesTheCorrectedTail() {
        Histogram measured = Latencies.microseconds();
        measured.recordValueWithCount(1_000, 990);
        measured.recordValue(1_000_000);

        // one client at 1,000 decisions/s: a request every millisecond while nothing stalls
        Latencies corrected = Latencies.of(Latencies.correctedForClosedLoop(measured, 1, 1_000));
        Latencies uncorrected = Latencies.of(measured);

        assertThat(uncorrected.p99Millis()).isCloseTo(1.0, within(0.01));
        // the stall held back 999 requests that would have waited 999 ms, 998 ms, ... 1 ms
        assertThat(corrected.p99Millis()).isGreaterThan(900);
        assertThat(corrected.p50Millis()).isGreaterThan(uncorrected.p50Millis());
        assertThat(corrected.p999Millis()).isCloseTo(1_000, within(1.0));
    }

    @Test
    void latenciesNoLongerThanAClientsIntervalAreLeftAsMeasured() {
        Histogram measured = Latencies.microseconds();
        for (int latency = 1_000; latency <= 16_000; latency += 1_000) {
            measured.recordValueWithCount(latency, 10);
        }

        Histogram corrected = Latencies.correctedForClosedLoop(measured, 32, 2_000);

        assertThat(corrected.getTotalCount()).isEqualTo(measured.getTotalCount());
        assertThat(Latencies.of(corrected)).isEqualTo(Latencies.of(measured));
    }

    @Test
    void aClientsIntervalIsTheClientsOverTheThroughput() {
        assertThat(Latencies.expectedIntervalMicros(32, 2_000)).isEqualTo(16_000);
        assertThat(Latencies.expectedIntervalMicros(1, 4_000_000)).isEqualTo(1);
        assertThatThrownBy(() -> Latencies.expectedIntervalMicros(0, 2_000))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Latencies.expectedIntervalMicros(32, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

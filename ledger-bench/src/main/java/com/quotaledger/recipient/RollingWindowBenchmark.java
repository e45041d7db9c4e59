package com.quotaledger.recipient;

import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.Quota;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The rolling window alone, holding a steady number of shares: every operation grants one more share a step later,
 * so that the oldest leaves as the newest arrives. The figures should not grow with the shares inside the window.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class RollingWindowBenchmark {

    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Set<IdKind> POSTS = Set.of(IdKind.POST);
    private static final IdCounts ONE_POST = new IdCounts(1, 0, 0);

    @Param({"1000", "1000000"})
    public int sharesInWindow;

    private RollingWindow window;
    private Duration step;
    private Instant now;

    @Setup
    public void fillTheWindow() {
        window = new RollingWindow();
        step = WINDOW.dividedBy(sharesInWindow);
        now = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < sharesInWindow; i++) {
            window.add(now, ONE_POST);
            now = now.plus(step);
        }
    }

    /** What a grant does to the window: the new share goes in, and the shares that left the window go out. */
    @Benchmark
    public IdCounts grantOneAndExpire() {
        now = now.plus(step);
        window.add(now, ONE_POST);
        window.expire(now, WINDOW);
        return window.inWindow(now, WINDOW);
    }

    /** The quota a decision checks and records: used, remaining and the next release. */
    @Benchmark
    public Quota quota() {
        return window.quota(now, WINDOW, 1_500_000, "policy", POSTS);
    }
}

package com.quotaledger.recipient;

import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.terms.api.TermsDocument;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One share decided by a cached recipient through Axon's command bus and the recipient's real handler, on storage
 * in memory: the decision without the database and HTTP around it. The recipient holds a steady number of shares in
 * its window, as in {@link RollingWindowBenchmark}, and as many events before it; the time per decision should not
 * grow with either.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx6g")
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class ShareDecisionBenchmark {

    private static final String RECIPIENT = "bench-recipient";
    private static final Duration WINDOW = RedistributionPolicy.DEFAULT_ROLLING_WINDOW;
    private static final IdCounts ONE_POST = new IdCounts(1, 0, 0);

    @Param({"100", "1000", "200000"})
    public int sharesInWindow;

    private MutableClock clock;
    private InMemoryLedger ledger;
    private Duration step;
    private long requests;

    @Setup(Level.Trial)
    public void recipientWithAFullWindow() {
        clock = MutableClock.at(Instant.parse("2026-01-01T00:00:00Z"));
        ledger = new InMemoryLedger(clock, RedistributionPolicy.defaults());
        ledger.send(new RegisterRecipientCommand(RECIPIENT, "Bench", RecipientKind.COMPANY));
        Map<TermsDocument, String> allTerms = Arrays.stream(TermsDocument.values())
                .collect(Collectors.toMap(Function.identity(), document -> "1"));
        ledger.send(new AcceptTermsCommand(RECIPIENT, "bench@example.com", allTerms));
        step = WINDOW.dividedBy(sharesInWindow);
        for (int i = 0; i < sharesInWindow; i++) {
            shareOne();
        }
    }

    @Benchmark
    public ShareDecision shareOne() {
        clock.advance(step);
        String id = "request-" + requests++;
        return ledger.send(new ShareIdsCommand(new ShareRequest(id, RECIPIENT, ONE_POST, "bench"), id));
    }

    @TearDown(Level.Trial)
    public void close() {
        ledger.close();
    }
}

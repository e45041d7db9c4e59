package com.quotaledger.recipient;

import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.Quota;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At the default granularity of one millisecond, merging the shares of one millisecond into one entry and keeping
 * entries as primitives changes no answer: random shares, expiries and queries, many in the same millisecond, answer
 * like {@link BruteForceWindow}, to the nanosecond. Shares are granted at whole milliseconds, as every decision is.
 * A failure names its seed; {@code -Dledger.seed=<seed>} replays that run alone.
 */
class TheCompactWindowAnswersLikeAListOfEveryShare {

    /** Enough for each window to fill and empty dozens of times, and its ring buffer to grow, wrap and shrink. */
    private static final int STEPS_PER_RUN = 3_000;
    private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");
    private static final String SOURCE = Quota.DEFAULT_LIMIT_SOURCE;

    static LongStream seeds() {
        String chosen = System.getProperty("ledger.seed");
        if (chosen != null) {
            return LongStream.of(Long.parseLong(chosen));
        }
        // fixed seeds keep a build repeatable; one fresh seed per build searches further over time
        return LongStream.of(1, 2, 3, 4, 5, 6, 42, 20_250_301, new SecureRandom().nextLong());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyQueryMatchesTheBruteForceWindow(long seed) {
        Random random = new Random(seed);
        Duration window = randomWindow(random);
        RollingWindow compact = new RollingWindow();
        BruteForceWindow oracle = new BruteForceWindow(window);
        Instant now = START.plusMillis(random.nextInt(1_000_000));

        for (int step = 0; step < STEPS_PER_RUN; step++) {
            now = now.plusMillis(randomStepMillis(random, window, oracle, now));
            int dice = random.nextInt(100);
            if (dice < 65) {
                for (int shares = 1 + random.nextInt(3); shares > 0; shares--) {
                    IdCounts ids = randomIds(random);
                    compact.add(now, ids);
                    oracle.add(now, ids);
                }
            } else if (dice < 85) {
                compact.expire(now, window);
            }
            oracle.forgetSharesGoneBy(now, Duration.ZERO);
            String context = "seed " + seed + ", step " + step + ", window " + window + ", shares " + oracle.shares();
            compare(compact, oracle, window, now, random, context);
            compare(compact, oracle, window, laterInstant(random, window, oracle, now), random, context);
        }
    }

    private static void compare(RollingWindow compact, BruteForceWindow oracle, Duration window, Instant at,
                                Random random, String context) {
        String where = context + ", at " + at;
        assertThat(compact.inWindow(at, window)).as(where).isEqualTo(oracle.inWindow(at));

        Set<IdKind> kinds = randomKinds(random);
        long inside = oracle.inWindow(at).sumOf(kinds);
        long limit = random.nextInt(4) == 0 ? inside : (long) (random.nextDouble() * 2 * inside) + random.nextInt(3);
        assertThat(compact.quota(at, window, limit, SOURCE, kinds)).as(where)
                .isEqualTo(oracle.quota(at, limit, SOURCE, kinds));

        long requested = limit == 0 ? 0 : 1 + (long) (random.nextDouble() * limit);
        assertThat(compact.fitsAt(at, window, limit, kinds, requested)).as(where + ", %d of %d", requested, limit)
                .isEqualTo(oracle.fitsAt(at, kinds, requested, instant -> limit, new TreeSet<>()));

        // a limit that changes later, as written permissions start and end
        TreeMap<Instant, Long> limitFrom = new TreeMap<>();
        limitFrom.put(Instant.MIN, limit);
        for (int changes = random.nextInt(4); changes > 0; changes--) {
            limitFrom.put(at.plusNanos(1 + (long) (random.nextDouble() * window.toNanos() * 1.5)),
                    (long) (random.nextDouble() * 2 * (limit + 1)));
        }
        Function<Instant, Long> limitAt = instant -> limitFrom.floorEntry(instant).getValue();
        SortedSet<Instant> limitChanges = new TreeSet<>(limitFrom.tailMap(at, false).keySet());
        assertThat(compact.fitsAt(at, window, kinds, requested, limitAt, limitChanges))
                .as(where + ", %d under limits %s", requested, limitFrom)
                .isEqualTo(oracle.fitsAt(at, kinds, requested, limitAt, limitChanges));
    }

    /** Mostly the same or the next millisecond, sometimes a share's exact release or a millisecond either side. */
    private static long randomStepMillis(Random random, Duration window, BruteForceWindow oracle, Instant now) {
        long windowMillis = Math.max(1, window.toMillis());
        int dice = random.nextInt(100);
        if (dice < 35) {
            return 0;
        }
        if (dice < 55) {
            return 1;
        }
        List<BruteForceWindow.Share> shares = oracle.shares();
        if (dice < 80 && !shares.isEmpty()) {
            Instant releaseAt = shares.get(random.nextInt(shares.size())).grantedAt().plus(window);
            long toRelease = Duration.between(now, releaseAt).toMillis() + random.nextInt(3) - 1;
            return Math.max(0, toRelease);
        }
        if (dice < 97) {
            return 1 + (long) (random.nextDouble() * windowMillis / 40);
        }
        return windowMillis + random.nextInt(3);
    }

    /** An instant at or after {@code now}, often a nanosecond either side of a release. */
    private static Instant laterInstant(Random random, Duration window, BruteForceWindow oracle, Instant now) {
        List<BruteForceWindow.Share> shares = oracle.shares();
        if (shares.isEmpty() || random.nextBoolean()) {
            return now.plusNanos((long) (random.nextDouble() * window.toNanos() * 1.2));
        }
        Instant releaseAt = shares.get(random.nextInt(shares.size())).grantedAt().plus(window)
                .plusNanos(random.nextInt(3) - 1);
        return releaseAt.isBefore(now) ? now : releaseAt;
    }

    private static Duration randomWindow(Random random) {
        return switch (random.nextInt(7)) {
            case 0 -> Duration.ofMillis(1);
            case 1 -> Duration.ofNanos(2_500_000);
            case 2 -> Duration.ofMillis(2 + random.nextInt(30));
            case 3 -> Duration.ofSeconds(1);
            case 4 -> Duration.ofHours(1);
            case 5 -> Duration.ofDays(30).plusNanos(random.nextInt(1_000_000));
            default -> Duration.ofDays(30);
        };
    }

    private static IdCounts randomIds(Random random) {
        return new IdCounts(randomCount(random), randomCount(random), randomCount(random));
    }

    private static long randomCount(Random random) {
        return switch (random.nextInt(5)) {
            case 0, 1 -> 0;
            case 2 -> 1;
            case 3 -> random.nextInt(1_000);
            default -> random.nextInt((int) IdCounts.MAX_IDS_PER_REQUEST);
        };
    }

    private static Set<IdKind> randomKinds(Random random) {
        EnumSet<IdKind> kinds = EnumSet.noneOf(IdKind.class);
        while (kinds.isEmpty()) {
            for (IdKind kind : IdKind.values()) {
                if (random.nextBoolean()) {
                    kinds.add(kind);
                }
            }
        }
        return kinds;
    }
}

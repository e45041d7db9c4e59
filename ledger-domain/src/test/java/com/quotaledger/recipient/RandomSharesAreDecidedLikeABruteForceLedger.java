package com.quotaledger.recipient;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.ledger.BruteForceLedger;
import com.quotaledger.ledger.DecisionChains;
import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.ConfirmReservationCommand;
import com.quotaledger.recipient.api.ConfirmReservationRequest;
import com.quotaledger.recipient.api.DescribeReservationCommand;
import com.quotaledger.recipient.api.ExpireReservationCommand;
import com.quotaledger.recipient.api.FindFitCommand;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.RecipientRegisteredEvent;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.Release;
import com.quotaledger.recipient.api.ReservationDecision;
import com.quotaledger.recipient.api.ReservationDeniedEvent;
import com.quotaledger.recipient.api.ReservationExpiredEvent;
import com.quotaledger.recipient.api.ReservationGrantedEvent;
import com.quotaledger.recipient.api.ReservationNotFoundException;
import com.quotaledger.recipient.api.ReservationNotOpenException;
import com.quotaledger.recipient.api.ReservationRequest;
import com.quotaledger.recipient.api.ReservationView;
import com.quotaledger.recipient.api.ReserveIdsCommand;
import com.quotaledger.recipient.api.ScheduledReleasesCommand;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareFit;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.recipient.api.VoidReservationCommand;
import com.quotaledger.recipient.api.VoidReservationRequest;
import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.TermsDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static com.quotaledger.recipient.RecipientExamples.ACCEPTED_BY;
import static com.quotaledger.recipient.RecipientExamples.KIND;
import static com.quotaledger.recipient.RecipientExamples.NAME;
import static com.quotaledger.recipient.RecipientExamples.NO_EXEMPTIONS;
import static com.quotaledger.recipient.RecipientExamples.RECIPIENT_ID;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.TERMS_VERSION;
import static com.quotaledger.recipient.RecipientExamples.acceptTerms;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.register;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives random shares, reservations (reserved, confirmed in full or in part or for more than they hold, voided,
 * left to expire, their expiry recorded), descriptions, snapshots and clock moves through a recipient in an
 * {@link InMemoryLedger} and compares every decision, every refusal, every quota figure and every description with
 * {@link BruteForceLedger}. A failure names its seed; {@code -Dledger.seed=<seed>} replays that run alone.
 */
class RandomSharesAreDecidedLikeABruteForceLedger {

    /** Enough for a window to fill and empty dozens of times per run, in about a second per run. */
    private static final int STEPS_PER_RUN = 2_500;

    static LongStream seeds() {
        String chosen = System.getProperty("ledger.seed");
        if (chosen != null) {
            return LongStream.of(Long.parseLong(chosen));
        }
        // fixed seeds keep a build repeatable; one fresh seed per build searches further over time
        return LongStream.of(1, 2, 3, 42, 20_250_301, new SecureRandom().nextLong());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyDecisionAndEveryQuotaMatchTheBruteForceLedger(long seed) {
        try (Run run = new Run(seed)) {
            run.play(STEPS_PER_RUN);
        }
    }

    private static final class Run implements AutoCloseable {

        private final long seed;
        private final Random random;
        private final RedistributionPolicy policy;
        private final MutableClock clock;
        private final InMemoryLedger ledger;
        private final BruteForceLedger oracle;
        private final List<Object> expectedEvents = new ArrayList<>();
        private final Map<TermsDocument, AcceptedTerms> acceptedTerms = new EnumMap<>(TermsDocument.class);
        private final Map<DenialReason, Integer> denials = new EnumMap<>(DenialReason.class);
        /** What each kind of reservation step ended in, by outcome, for the coverage check. */
        private final Map<String, Integer> reservationOutcomes = new TreeMap<>();
        private int grants;
        private Instant registeredAt;
        private Instant lastEventAt;
        private int step = -1;

        Run(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
            this.policy = new RedistributionPolicy(randomLimit(), randomWindow(), randomCountedKinds());
            this.clock = MutableClock.at(REGISTERED_AT.plusNanos(random.nextInt(1_000_000_000)));
            this.ledger = new InMemoryLedger(clock, policy);
            this.oracle = new BruteForceLedger(policy);
        }

        void play(int steps) {
            registerRecipient();
            List<TermsDocument> documents = new ArrayList<>(Arrays.asList(TermsDocument.values()));
            Collections.shuffle(documents, random);
            int acceptedFirst = random.nextInt(documents.size());
            if (acceptedFirst > 0) {
                accept(documents.subList(0, acceptedFirst));
            }
            int restAcceptedAtStep = random.nextInt(40);

            for (step = 0; step < steps; step++) {
                moveClock();
                if (step == restAcceptedAtStep) {
                    accept(documents.subList(acceptedFirst, documents.size()));
                } else {
                    act();
                }
                checkTheWindowNeverHoldsMoreThanTheLimit();
            }

            snapshotAndForget();
            describeAndCompare();
            assertThat(ledger.storage().eventPayloads(RECIPIENT_ID)).as(context(() -> "stored events"))
                    .isEqualTo(expectedEvents);
            assertThat(DecisionChains.firstBreak(ledger.storage().events(RECIPIENT_ID)))
                    .as(context(() -> "decision chain")).isEqualTo(-1);
            checkTheRunCoveredEveryOutcome();
        }

        private void act() {
            int dice = random.nextInt(100);
            if (dice < 52) {
                share();
            } else if (dice < 66) {
                reserve();
            } else if (dice < 74) {
                confirm();
            } else if (dice < 78) {
                voidReservation();
            } else if (dice < 80) {
                recordExpiry();
            } else if (dice < 82) {
                describeReservation();
            } else if (dice < 85) {
                describeAndCompare();
            } else if (dice < 87) {
                findFit();
            } else if (dice < 90) {
                scheduledReleases();
            } else if (dice < 95) {
                snapshotAndForget();
            } else {
                ledger.forgetCachedAggregates();
            }
        }

        private void registerRecipient() {
            Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            send(register());
            registeredAt = at;
            lastEventAt = at;
            expectedEvents.add(new RecipientRegisteredEvent(RECIPIENT_ID, NAME, KIND, at));
        }

        private void accept(List<TermsDocument> documents) {
            Instant at = decisionTime();
            RecipientView view = send(acceptTerms(documents.toArray(TermsDocument[]::new)));
            documents.forEach(document ->
                    acceptedTerms.put(document, new AcceptedTerms(TERMS_VERSION, ACCEPTED_BY, at)));
            lastEventAt = at;
            expectedEvents.add(RecipientExamples.termsAccepted(at, documents.toArray(TermsDocument[]::new)));
            assertThat(view).as(context(() -> "view after accepting " + documents)).isEqualTo(expectedView(at));
        }

        private void share() {
            Instant at = decisionTime();
            ShareRequest request = randomRequest(at);
            ShareIdsCommand command = new ShareIdsCommand(request, "share-" + step);

            ShareDecision expected = oracle.decide(at, termsAccepted(), request, command.shareId());
            ShareDecision actual = send(command);

            assertThat(actual).as(context(() -> "share of " + request.ids() + " at " + at)).isEqualTo(expected);
            lastEventAt = at;
            expectedEvents.add(expected);
            if (expected instanceof ShareDeniedEvent denied) {
                denials.merge(denied.reason(), 1, Integer::sum);
            } else {
                grants++;
            }
        }

        private void reserve() {
            Instant at = decisionTime();
            ReservationRequest request = new ReservationRequest(randomRequest(at), randomHold());
            ReserveIdsCommand command = new ReserveIdsCommand(request, RECIPIENT_ID + "~r" + step);

            ReservationDecision expected = oracle.reserve(at, termsAccepted(), List.of(), request,
                    command.reservationId());
            ReservationDecision actual = send(command);

            assertThat(actual).as(context(() -> "reservation of " + request.share().ids() + " for "
                    + request.holdFor() + " at " + at)).isEqualTo(expected);
            lastEventAt = at;
            expectedEvents.add(expected);
            outcome("reserve", expected instanceof ReservationDeniedEvent denied ? denied.reason().name() : "GRANTED");
            if (expected instanceof ReservationGrantedEvent granted) {
                // at times looked at at once, or left to expire and its expiry recorded, whatever the policy
                switch (random.nextInt(6)) {
                    case 0, 1 -> describeReservation(granted.reservationId());
                    case 2 -> {
                        clock.set(granted.expiresAt().plusNanos(random.nextInt(2_000_000)));
                        recordExpiry(granted.reservationId());
                    }
                    default -> {
                        // left as it is
                    }
                }
            }
        }

        /** In full, in part, for more than it holds, or without counts; of any reservation, closed or unknown. */
        private void confirm() {
            confirm(randomReservationId());
        }

        /** A confirmation that is done is followed by another of the same reservation, or its void. */
        private void confirm(String reservationId) {
            Instant at = decisionTime();
            IdCounts ids = randomConfirmedIds(reservationId, at);
            ConfirmReservationCommand command = new ConfirmReservationCommand(
                    new ConfirmReservationRequest("confirm-" + seed + "-" + step, reservationId, ids),
                    "share-" + step);
            Object expected;
            try {
                expected = oracle.confirm(at, command.request(), command.shareId());
            } catch (RuntimeException refused) {
                expected = refused;
            }
            compareWithRefusals("confirmation of " + ids + " of " + reservationId + " at " + at, command, expected);
            if (!(expected instanceof RuntimeException)) {
                lastEventAt = at;
                expectedEvents.add(expected);
                grants++;
            }
            outcome("confirm", outcomeOf(expected));
            if (!(expected instanceof RuntimeException)) {
                if (random.nextBoolean()) {
                    confirm(reservationId);
                } else {
                    voidReservation(reservationId);
                }
            }
        }

        private void voidReservation() {
            voidReservation(randomReservationId());
        }

        /** A void that is done is followed by another of the same reservation, or its confirmation. */
        private void voidReservation(String reservationId) {
            Instant at = decisionTime();
            VoidReservationCommand command = new VoidReservationCommand(
                    new VoidReservationRequest("void-" + seed + "-" + step, reservationId));
            Object expected;
            try {
                expected = oracle.voidReservation(at, command.request());
            } catch (RuntimeException refused) {
                expected = refused;
            }
            compareWithRefusals("void of " + reservationId + " at " + at, command, expected);
            if (!(expected instanceof RuntimeException)) {
                lastEventAt = at;
                expectedEvents.add(expected);
            }
            outcome("void", outcomeOf(expected));
            if (!(expected instanceof RuntimeException)) {
                if (random.nextBoolean()) {
                    voidReservation(reservationId);
                } else {
                    confirm(reservationId);
                }
            }
        }

        private void recordExpiry() {
            recordExpiry(randomExpiredOrAnyReservationId());
        }

        private void recordExpiry(String reservationId) {
            Instant at = decisionTime();
            ReservationExpiredEvent expected = oracle.expire(at, reservationId);
            boolean recorded = send(new ExpireReservationCommand(reservationId));
            assertThat(recorded).as(context(() -> "expiry of " + reservationId + " at " + at))
                    .isEqualTo(expected != null);
            if (expected != null) {
                lastEventAt = at;
                expectedEvents.add(expected);
            }
            outcome("expire", expected != null ? "RECORDED" : "NOTHING");
        }

        private void describeReservation() {
            describeReservation(random.nextBoolean() ? randomExpiredOrAnyReservationId() : randomReservationId());
        }

        private void describeReservation(String reservationId) {
            Instant at = decisionTime();
            DescribeReservationCommand command = new DescribeReservationCommand(reservationId);
            Object expected;
            try {
                expected = oracle.reservation(at, reservationId);
            } catch (RuntimeException refused) {
                expected = refused;
            }
            compareWithRefusals("reservation " + reservationId + " at " + at, command, expected);
            outcome("describe", expected instanceof ReservationView view ? view.state().name()
                    : expected.getClass().getSimpleName());
        }

        /** The same answer, or a refusal of the same type saying the same. */
        private void compareWithRefusals(String what, Object command, Object expected) {
            Object actual;
            try {
                actual = ledger.send(command);
            } catch (RuntimeException refused) {
                actual = refused;
            }
            Object answered = actual;
            if (expected instanceof RuntimeException refusal) {
                assertThat(answered).as(context(() -> what)).isInstanceOf(refusal.getClass());
                assertThat(((RuntimeException) answered).getMessage()).as(context(() -> what))
                        .isEqualTo(refusal.getMessage());
            } else {
                assertThat(answered).as(context(() -> what)).isEqualTo(expected);
            }
        }

        private static String outcomeOf(Object expected) {
            if (expected instanceof ReservationNotOpenException notOpen) {
                return "NOT_OPEN_" + notOpen.state();
            }
            return expected instanceof RuntimeException refused ? refused.getClass().getSimpleName() : "DONE";
        }

        private void outcome(String step, String outcome) {
            reservationOutcomes.merge(step + " " + outcome, 1, Integer::sum);
        }

        /** Mostly one past its expiry whose expiry is not recorded yet, if there is one. */
        private String randomExpiredOrAnyReservationId() {
            List<String> expired = oracle.expiredButOpenReservationIds(decisionTime());
            if (!expired.isEmpty() && random.nextInt(4) > 0) {
                return expired.get(random.nextInt(expired.size()));
            }
            return randomReservationId();
        }

        /** Mostly one open now, or one of the latest granted; at times any granted so far, or an unknown one. */
        private String randomReservationId() {
            List<String> open = oracle.openReservationIds(decisionTime());
            if (!open.isEmpty() && random.nextInt(4) > 0) {
                return open.get(random.nextInt(open.size()));
            }
            List<String> known = oracle.reservationIds();
            if (known.isEmpty() || random.nextInt(20) == 0) {
                return RECIPIENT_ID + "~unknown" + random.nextInt(3);
            }
            // the latest ones more often: they are the ones still open
            int index = random.nextInt(4) > 0 ? known.size() - 1 - random.nextInt(Math.min(4, known.size()))
                    : random.nextInt(known.size());
            return known.get(index);
        }

        private IdCounts randomConfirmedIds(String reservationId, Instant at) {
            IdCounts reserved;
            try {
                reserved = oracle.reservation(at, reservationId).share().ids();
            } catch (ReservationNotFoundException unknown) {
                reserved = new IdCounts(1, 0, 0);
            }
            IdCounts held = reserved;
            return switch (random.nextInt(5)) {
                case 0 -> null;
                case 1 -> held;
                case 2 -> {
                    // one more of some kind than it holds
                    IdKind kind = IdKind.values()[random.nextInt(IdKind.values().length)];
                    yield held.plus(new IdCounts(kind == IdKind.POST ? 1 : 0, kind == IdKind.USER ? 1 : 0,
                            kind == IdKind.DIRECT_MESSAGE ? 1 : 0));
                }
                default -> {
                    IdCounts fewer = new IdCounts(random.nextLong(held.postIds() + 1),
                            random.nextLong(held.userIds() + 1), random.nextLong(held.directMessageIds() + 1));
                    yield fewer.isEmpty() ? held : fewer;
                }
            };
        }

        private Duration randomHold() {
            long windowMillis = policy.rollingWindow().toMillis();
            return switch (random.nextInt(5)) {
                case 0 -> Duration.ofMillis(1);
                case 1 -> Duration.ofMillis(1 + random.nextLong(1_000));
                case 2 -> policy.rollingWindow().multipliedBy(1 + random.nextInt(2));
                default -> Duration.ofMillis(1 + random.nextLong(Math.max(1, windowMillis / 5)));
            };
        }

        /** When a share would fit: now, its retryAt, or never with the reason its denial would give. */
        private void findFit() {
            Instant at = decisionTime();
            IdCounts ids = randomRequest(at).ids();
            long counted = oracle.counted(ids);
            Instant fits = counted == 0 ? at : oracle.retryAt(at, counted);
            DenialReason reason = !termsAccepted() ? DenialReason.TERMS_NOT_ACCEPTED
                    : fits == null ? DenialReason.REQUEST_EXCEEDS_LIMIT
                    : fits.isAfter(at) ? DenialReason.ROLLING_LIMIT_EXCEEDED : null;
            Instant fitsAt = reason == null ? at : reason == DenialReason.ROLLING_LIMIT_EXCEEDED ? fits : null;
            ShareFit expected = new ShareFit(at, fitsAt, reason, oracle.quotaAt(at));
            ShareFit actual = send(new FindFitCommand(RECIPIENT_ID, ids));
            assertThat(actual).as(context(() -> "fit of " + ids + " at " + at)).isEqualTo(expected);
            outcome("fit", reason == null ? "NOW" : reason.name());
        }

        /** Every counted share in the window leaves it one window after its grant, summed per instant. */
        private void scheduledReleases() {
            Instant at = decisionTime();
            Instant until = random.nextBoolean() ? at.plus(policy.rollingWindow())
                    : at.plusMillis(random.nextLong(Math.max(1, policy.rollingWindow().toMillis())));
            TreeMap<Instant, Long> byInstant = new TreeMap<>();
            for (BruteForceLedger.Grant grant : oracle.grants()) {
                Instant leavesAt = grant.at().plus(policy.rollingWindow());
                long counted = oracle.counted(grant.ids());
                if (counted > 0 && !grant.at().isAfter(at) && leavesAt.isAfter(at) && !leavesAt.isAfter(until)) {
                    byInstant.merge(leavesAt, counted, Long::sum);
                }
            }
            List<Release> expected = new ArrayList<>();
            long cumulative = 0;
            for (Map.Entry<Instant, Long> release : byInstant.entrySet()) {
                cumulative += release.getValue();
                expected.add(new Release(release.getKey(), release.getValue(), cumulative));
            }
            List<Release> actual = send(new ScheduledReleasesCommand(RECIPIENT_ID, until));
            assertThat(actual).as(context(() -> "releases until " + until + " at " + at)).isEqualTo(expected);
            outcome("releases", expected.isEmpty() ? "NONE" : "SOME");
        }

        private void describeAndCompare() {
            Instant at = decisionTime();
            RecipientView view = send(describe());
            assertThat(view).as(context(() -> "description at " + at)).isEqualTo(expectedView(at));
        }

        /** Snapshots the recipient and drops it from the cache, so the next command restores it from JSON. */
        private void snapshotAndForget() {
            ledger.snapshotRecipient(RECIPIENT_ID);
            ledger.forgetCachedAggregates();
            long lastSequenceNumber = ledger.lastSequenceNumber(RECIPIENT_ID);
            if (lastSequenceNumber > 0) {
                // Axon snapshots a recipient only once it has more than its first event
                assertThat(ledger.storage().snapshotSequenceNumber(RECIPIENT_ID)).as(context(() -> "snapshot taken"))
                        .hasValue(lastSequenceNumber);
            }
            assertThat(ledger.storage().failures()).as(context(() -> "snapshot failures")).isEmpty();
        }

        /**
         * At the latest decision, which is when the window holds the most; every decision is checked in turn. What
         * open reservations hold counts as much as what was granted.
         */
        private void checkTheWindowNeverHoldsMoreThanTheLimit() {
            Instant end = lastEventAt;
            assertThat(countedIdsGrantedInWindowEnding(end) + oracle.heldAt(end))
                    .as(context(() -> "counted IDs in the window ending " + end + " and held then"))
                    .isLessThanOrEqualTo(policy.rollingLimit());
        }

        /** Summed here from the granted shares alone, independently of how any decision was taken. */
        private long countedIdsGrantedInWindowEnding(Instant end) {
            Instant start = end.minus(policy.rollingWindow());
            long counted = 0;
            for (BruteForceLedger.Grant grant : oracle.grants()) {
                if (grant.at().isAfter(start) && !grant.at().isAfter(end)) {
                    for (IdKind kind : policy.countedIdKinds()) {
                        counted += grant.ids().of(kind);
                    }
                }
            }
            return counted;
        }

        private void checkTheRunCoveredEveryOutcome() {
            assertThat(grants).as(context(() -> "grants")).isPositive();
            assertThat(denials.getOrDefault(DenialReason.REQUEST_EXCEEDS_LIMIT, 0))
                    .as(context(() -> "requests over the limit")).isPositive();
            assertThat(denials.getOrDefault(DenialReason.ROLLING_LIMIT_EXCEEDED, 0))
                    .as(context(() -> "shares that did not fit the window")).isPositive();
            assertThat(ledger.storage().snapshotsRead()).as(context(() -> "restores from a snapshot")).isPositive();
            for (String outcome : List.of("reserve GRANTED", "reserve ROLLING_LIMIT_EXCEEDED", "confirm DONE",
                    "confirm ExceedsReservationException", "confirm NOT_OPEN_CONFIRMED", "confirm NOT_OPEN_EXPIRED",
                    "void DONE", "void NOT_OPEN_VOIDED", "expire RECORDED", "describe OPEN", "describe EXPIRED",
                    "confirm ReservationNotFoundException", "fit NOW", "fit ROLLING_LIMIT_EXCEEDED",
                    "fit REQUEST_EXCEEDS_LIMIT", "releases SOME")) {
                assertThat(reservationOutcomes.getOrDefault(outcome, 0)).as(context(() -> outcome + " in "
                        + reservationOutcomes)).isPositive();
            }
        }

        private RecipientView expectedView(Instant at) {
            return new RecipientView(RECIPIENT_ID, NAME, KIND, registeredAt, Map.copyOf(acceptedTerms),
                    termsAccepted(), Set.of(), at, oracle.quotaAt(at), oracle.idsInWindowAt(at), NO_EXEMPTIONS);
        }

        private boolean termsAccepted() {
            return acceptedTerms.size() == TermsDocument.values().length;
        }

        /** The ledger's time: the clock to the millisecond, but never before the last event. */
        private Instant decisionTime() {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            return now.isBefore(lastEventAt) ? lastEventAt : now;
        }

        private void moveClock() {
            Duration window = policy.rollingWindow();
            long windowMillis = window.toMillis();
            switch (random.nextInt(16)) {
                case 0 -> {
                    // the clock stands still: several decisions at one instant
                }
                case 1 -> clock.advance(Duration.ofNanos(1 + random.nextInt(999_999)));
                case 2 -> clock.advance(Duration.ofMillis(1 + random.nextInt(1_000)));
                case 3 -> clock.advance(window);
                case 4 -> clock.advance(window.plusMillis(random.nextBoolean() ? 1 : -1));
                case 5, 6 -> moveToTheNextDeparture();
                case 7 -> moveToTheNextExpiry();
                case 8 -> clock.advance(Duration.ofMillis(-1 - random.nextLong(Math.max(1, windowMillis / 10))));
                case 9 -> clock.set(lastEventAt.minusMillis(random.nextInt(2)));
                default -> clock.advance(Duration.ofMillis(random.nextLong(Math.max(1, windowMillis / 20))));
            }
        }

        /** To a millisecond before, at or after the instant the next granted share leaves the window. */
        private void moveToTheNextDeparture() {
            Instant next = oracle.nextDepartureAfter(decisionTime());
            if (next == null) {
                clock.advance(Duration.ofMillis(1 + random.nextInt(1_000)));
                return;
            }
            Instant near = next.plusMillis(random.nextInt(3) - 1);
            clock.set(random.nextBoolean() ? near : near.plusNanos(random.nextInt(1_000_000)));
        }

        /** To a millisecond before, at or after the instant the next open reservation expires. */
        private void moveToTheNextExpiry() {
            Instant next = oracle.nextExpiryAfter(decisionTime());
            if (next == null) {
                moveToTheNextDeparture();
                return;
            }
            clock.set(next.plusMillis(random.nextInt(3) - 1));
        }

        private ShareRequest randomRequest(Instant at) {
            long limit = policy.rollingLimit();
            long remaining = Math.max(0, limit - oracle.usedAt(at) - oracle.heldAt(at));
            IdKind[] kinds = IdKind.values();
            List<IdKind> counted = List.copyOf(policy.countedIdKinds());
            IdKind countedKind = counted.get(random.nextInt(counted.size()));
            long[] counts = new long[kinds.length];
            for (int i = 0; i < kinds.length; i++) {
                counts[i] = random.nextBoolean() ? 0 : 1 + random.nextLong(Math.max(1, limit / 3));
            }
            switch (random.nextInt(16)) {
                case 0 -> counts[countedKind.ordinal()] =
                        Math.min(IdCounts.MAX_IDS_PER_REQUEST, limit + 1 + random.nextLong(limit + 1));
                case 1 -> {
                    counted.forEach(kind -> counts[kind.ordinal()] = 0);
                    counts[countedKind.ordinal()] = remaining;
                }
                case 2 -> {
                    counted.forEach(kind -> counts[kind.ordinal()] = 0);
                    counts[countedKind.ordinal()] = remaining + 1;
                }
                case 3 -> counts[random.nextInt(kinds.length)] = IdCounts.MAX_IDS_PER_REQUEST;
                default -> {
                    // the counts drawn above
                }
            }
            if (Arrays.stream(counts).allMatch(count -> count == 0)) {
                counts[random.nextInt(kinds.length)] = 1 + random.nextLong(Math.max(1, limit / 3));
            }
            IdCounts ids = new IdCounts(counts[IdKind.POST.ordinal()], counts[IdKind.USER.ordinal()],
                    counts[IdKind.DIRECT_MESSAGE.ordinal()]);
            String purpose = random.nextInt(4) == 0 ? null : "purpose " + random.nextInt(3);
            return new ShareRequest("request-" + seed + "-" + step, RECIPIENT_ID, ids, purpose);
        }

        private long randomLimit() {
            return switch (random.nextInt(7)) {
                case 0 -> 1;
                case 1 -> 10;
                case 2 -> 1 + random.nextInt(5_000);
                default -> 1_000;
            };
        }

        private Duration randomWindow() {
            return switch (random.nextInt(6)) {
                case 0 -> Duration.ofHours(1);
                case 1 -> Duration.ofMillis(1 + random.nextInt(5_000));
                default -> RedistributionPolicy.DEFAULT_ROLLING_WINDOW;
            };
        }

        private Set<IdKind> randomCountedKinds() {
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

        private <R> R send(Object command) {
            try {
                return ledger.send(command);
            } catch (RuntimeException e) {
                throw new AssertionError(context(() -> command + " failed at " + clock.instant()).get(), e);
            }
        }

        private Supplier<String> context(Supplier<String> what) {
            return () -> "seed " + seed + " (rerun with -Dledger.seed=" + seed + "), step " + step + ", " + policy
                    + ": " + what.get();
        }

        @Override
        public void close() {
            ledger.close();
        }
    }
}

package com.quotaledger.ledger;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.person.api.AffiliatePersonCommand;
import com.quotaledger.person.api.EndAffiliationCommand;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.recipient.api.DescribeRecipientCommand;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.PersonJoinedRecipientEvent;
import com.quotaledger.recipient.api.PersonLeftRecipientEvent;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.terms.api.TermsDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads share IDs with one recipient through the command bus, some for a person who is moved in and out of the
 * entity meanwhile, with a window short enough that shares leave it during the race. Every share gets exactly one
 * decision, and no window ending at a grant ever holds more than the limit.
 */
class SharesRacingForOneRecipientNeverExceedItsLimit {

    private static final String RECIPIENT_ID = "acme-research";
    private static final String PERSON_ID = "ada@acme.example";
    private static final long LIMIT = 2_000;
    /** Each share moves the clock one millisecond: shares leave this window while others are decided. */
    private static final Duration WINDOW = Duration.ofMillis(150);
    private static final int SHARERS = 6;
    private static final int SHARES_PER_THREAD = 150;

    private final MutableClock clock = MutableClock.at(Instant.parse("2025-03-01T09:00:00Z"));
    private final InMemoryLedger ledger = new InMemoryLedger(clock,
            new RedistributionPolicy(LIMIT, WINDOW, EnumSet.of(IdKind.POST)));
    private final ExecutorService threads = Executors.newFixedThreadPool(SHARERS + 1);

    @AfterEach
    void close() {
        threads.shutdownNow();
        ledger.close();
    }

    @Test
    void noWindowEverHoldsMoreThanTheLimitAndEveryShareGetsOneDecision() throws Exception {
        ledger.send(new RegisterRecipientCommand(RECIPIENT_ID, "ACME Research Ltd", RecipientKind.COMPANY));
        ledger.send(new AcceptTermsCommand(RECIPIENT_ID, "legal@acme.example", allDocuments()));

        Map<String, ShareDecision> returned = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean sharing = new AtomicBoolean(true);
        List<Future<?>> sharers = new ArrayList<>();
        for (int thread = 0; thread < SHARERS; thread++) {
            int number = thread;
            sharers.add(threads.submit(() -> {
                Random random = new Random(number);
                start.await();
                for (int i = 0; i < SHARES_PER_THREAD; i++) {
                    String requestId = "share-" + number + "-" + i;
                    String personId = random.nextInt(3) == 0 ? PERSON_ID : null;
                    ShareRequest request = new ShareRequest(requestId, RECIPIENT_ID, personId,
                            new IdCounts(1 + random.nextInt(60), random.nextInt(3), 0), ShareBasis.STANDARD, null);
                    returned.put(requestId, ledger.send(new ShareIdsCommand(request, requestId + "-granted")));
                    clock.advance(Duration.ofMillis(1));
                }
                return null;
            }));
        }
        Future<?> mover = threads.submit(() -> {
            start.await();
            while (sharing.get()) {
                ledger.send(new AffiliatePersonCommand(PERSON_ID, RECIPIENT_ID));
                Thread.yield();
                ledger.send(new EndAffiliationCommand(PERSON_ID, RECIPIENT_ID));
            }
            return null;
        });

        start.countDown();
        for (Future<?> sharer : sharers) {
            sharer.get(60, TimeUnit.SECONDS);
        }
        sharing.set(false);
        mover.get(60, TimeUnit.SECONDS);

        List<ShareDecision> stored = ledger.storage().eventPayloads(RECIPIENT_ID).stream()
                .filter(ShareDecision.class::isInstance).map(ShareDecision.class::cast).toList();
        assertThat(stored).hasSize(SHARERS * SHARES_PER_THREAD);
        assertThat(stored.stream().map(ShareDecision::requestId).collect(Collectors.toSet()))
                .isEqualTo(returned.keySet());
        stored.forEach(decision -> assertThat(returned.get(decision.requestId())).isEqualTo(decision));
        replayTheRecipientsHistory();
        assertThat(stored).filteredOn(ShareGrantedEvent.class::isInstance).isNotEmpty();
        assertThat(stored).filteredOn(ShareDeniedEvent.class::isInstance)
                .extracting(decision -> ((ShareDeniedEvent) decision).reason())
                .contains(DenialReason.ROLLING_LIMIT_EXCEEDED);
        assertThat(DecisionChains.firstBreak(ledger.storage().events(RECIPIENT_ID))).isEqualTo(-1);

        RecipientView view = ledger.send(new DescribeRecipientCommand(RECIPIENT_ID));
        assertThat(view.postIds().used()).isEqualTo(postIdsGrantedInTheWindowEnding(view.asOf()));
    }

    /**
     * Walks the recipient's history in order, keeping its persons and its grants, and checks each decision against
     * the Post IDs granted in the window ending at it, summed here from the grants before it.
     */
    private void replayTheRecipientsHistory() {
        List<ShareGrantedEvent> grants = new ArrayList<>();
        boolean personIn = false;
        for (Object event : ledger.storage().eventPayloads(RECIPIENT_ID)) {
            if (event instanceof PersonJoinedRecipientEvent) {
                personIn = true;
            } else if (event instanceof PersonLeftRecipientEvent) {
                personIn = false;
            } else if (event instanceof ShareDecision decision) {
                long before = postIdsIn(grants, decision.decidedAt());
                long requested = decision.request().ids().postIds();
                if (decision instanceof ShareGrantedEvent grant) {
                    assertThat(decision.request().personId() == null || personIn).as("%s", decision).isTrue();
                    assertThat(before + requested).as("%s", decision).isLessThanOrEqualTo(LIMIT);
                    assertThat(decision.quota().used()).as("%s", decision).isEqualTo(before + requested);
                    grants.add(grant);
                } else {
                    ShareDeniedEvent denied = (ShareDeniedEvent) decision;
                    assertThat(decision.quota().used()).as("%s", decision).isEqualTo(before);
                    switch (denied.reason()) {
                        case PERSON_NOT_AFFILIATED -> assertThat(personIn).as("%s", decision).isFalse();
                        case ROLLING_LIMIT_EXCEEDED -> assertThat(before + requested).isGreaterThan(LIMIT);
                        default -> throw new AssertionError("no other reason applies here: " + denied);
                    }
                }
            }
        }
    }

    private long postIdsGrantedInTheWindowEnding(Instant end) {
        List<ShareGrantedEvent> grants = ledger.storage().eventPayloads(RECIPIENT_ID).stream()
                .filter(ShareGrantedEvent.class::isInstance).map(ShareGrantedEvent.class::cast).toList();
        return postIdsIn(grants, end);
    }

    /** The Post IDs of the grants in the window (end - W, end]. */
    private static long postIdsIn(List<ShareGrantedEvent> grants, Instant end) {
        return grants.stream().filter(grant -> grant.decidedAt().isAfter(end.minus(WINDOW))
                        && !grant.decidedAt().isAfter(end))
                .mapToLong(grant -> grant.request().ids().postIds()).sum();
    }

    private static Map<TermsDocument, String> allDocuments() {
        Map<TermsDocument, String> documents = new EnumMap<>(TermsDocument.class);
        Arrays.stream(TermsDocument.values()).forEach(document -> documents.put(document, "2024-11"));
        return documents;
    }
}

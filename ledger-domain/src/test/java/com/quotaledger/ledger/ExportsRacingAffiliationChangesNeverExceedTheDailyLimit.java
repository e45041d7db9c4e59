package com.quotaledger.ledger;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.person.api.AffiliatePersonCommand;
import com.quotaledger.person.api.AffiliationEndedEvent;
import com.quotaledger.person.api.DescribePersonCommand;
import com.quotaledger.person.api.EndAffiliationCommand;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.person.api.ExportFormat;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.person.api.ObjectExportRequest;
import com.quotaledger.person.api.PersonAffiliatedEvent;
import com.quotaledger.person.api.PersonView;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.recipient.api.DescribeRecipientCommand;
import com.quotaledger.recipient.api.PersonJoinedRecipientEvent;
import com.quotaledger.recipient.api.PersonLeftRecipientEvent;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import com.quotaledger.terms.api.TermsDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many threads export objects for one person through the command bus while another moves the person between two
 * entities, and the clock crosses midnight on the way. Every export gets exactly one decision, and replaying the
 * person's history shows that no day ever gave the person more than the daily limit, that every grant went to the
 * entity the person belonged to at that point, and that both entities' histories agree with the person's.
 */
class ExportsRacingAffiliationChangesNeverExceedTheDailyLimit {

    private static final String PERSON_ID = "ada@acme.example";
    private static final String PERSON = PersonIds.aggregateId(PERSON_ID);
    private static final List<String> ENTITIES = List.of("acme-research", "globex-labs");
    private static final int EXPORTERS = 6;
    private static final int EXPORTS_PER_THREAD = 120;
    private static final int EXPORTS_BETWEEN_MOVES = 8;
    private static final long LIMIT = ObjectExportPolicy.DEFAULT_DAILY_OBJECT_LIMIT;
    /** Each export moves the clock one millisecond: the exports span midnight. */
    private static final Instant MIDNIGHT = Instant.parse("2025-03-02T00:00:00Z");

    private final MutableClock clock = MutableClock.at(MIDNIGHT.minusMillis(EXPORTERS * EXPORTS_PER_THREAD / 2));
    private final InMemoryLedger ledger = new InMemoryLedger(clock, RedistributionPolicy.defaults());
    private final ExecutorService threads = Executors.newFixedThreadPool(EXPORTERS + 1);

    @AfterEach
    void close() {
        threads.shutdownNow();
        ledger.close();
    }

    @Test
    void noDayGivesThePersonMoreThanTheLimitAndEveryExportGetsOneDecision() throws Exception {
        for (String entity : ENTITIES) {
            ledger.send(new RegisterRecipientCommand(entity, entity, RecipientKind.COMPANY));
            ledger.send(new AcceptTermsCommand(entity, "legal@" + entity, allDocuments()));
        }
        ledger.send(new AffiliatePersonCommand(PERSON_ID, ENTITIES.get(0)));

        Map<String, ObjectExportDecision> returned = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean exporting = new AtomicBoolean(true);
        AtomicInteger exported = new AtomicInteger();
        List<Future<?>> exporters = new ArrayList<>();
        for (int thread = 0; thread < EXPORTERS; thread++) {
            int number = thread;
            exporters.add(threads.submit(() -> {
                Random random = new Random(number);
                start.await();
                for (int i = 0; i < EXPORTS_PER_THREAD; i++) {
                    ExportObjectsCommand export = export("export-" + number + "-" + i, random);
                    returned.put(export.request().requestId(), ledger.send(export));
                    clock.advance(Duration.ofMillis(1));
                    exported.incrementAndGet();
                }
                return null;
            }));
        }
        Future<Integer> mover = threads.submit(() -> moveThePersonBackAndForth(start, exporting, exported));

        start.countDown();
        for (Future<?> exporter : exporters) {
            exporter.get(60, TimeUnit.SECONDS);
        }
        exporting.set(false);
        int moves = mover.get(60, TimeUnit.SECONDS);

        List<ObjectExportDecision> stored = ledger.storage().eventPayloads(PERSON).stream()
                .filter(ObjectExportDecision.class::isInstance).map(ObjectExportDecision.class::cast).toList();
        assertThat(stored).hasSize(EXPORTERS * EXPORTS_PER_THREAD);
        assertThat(stored.stream().map(ObjectExportDecision::requestId).collect(Collectors.toSet()))
                .isEqualTo(returned.keySet());
        stored.forEach(decision -> assertThat(returned.get(decision.requestId())).isEqualTo(decision));

        Map<LocalDate, Long> granted = replayThePersonsHistory();
        assertThat(granted.values()).allMatch(objects -> objects <= LIMIT);
        assertThat(stored).extracting(decision -> decision.objects().day()).as("the exports span midnight")
                .contains(MIDNIGHT.minusMillis(1).atZone(ZoneOffset.UTC).toLocalDate(),
                        MIDNIGHT.atZone(ZoneOffset.UTC).toLocalDate());
        assertThat(moves).as("affiliation changes during the exports").isPositive();
        assertThat(stored).filteredOn(ObjectExportGrantedEvent.class::isInstance).isNotEmpty();
        assertThat(stored).filteredOn(ObjectExportDeniedEvent.class::isInstance)
                .extracting(decision -> ((ObjectExportDeniedEvent) decision).reason())
                .contains(DenialReason.DAILY_OBJECT_LIMIT_EXCEEDED);
        theEntitiesAgreeWithThePerson();
        assertThat(DecisionChains.firstBreak(ledger.storage().events(PERSON))).isEqualTo(-1);
    }

    /**
     * Moves the person to the other entity until the exports are done, and returns how many moves it made. It lets a
     * few exports through between moves, so that the person spends most of the race with an entity rather than
     * between two.
     */
    private int moveThePersonBackAndForth(CountDownLatch start, AtomicBoolean exporting, AtomicInteger exported)
            throws InterruptedException {
        start.await();
        int moves = 0;
        while (exporting.get()) {
            int seen = exported.get();
            while (exported.get() < seen + EXPORTS_BETWEEN_MOVES && exporting.get()) {
                LockSupport.parkNanos(20_000);
            }
            String from = ENTITIES.get(moves % 2);
            String to = ENTITIES.get((moves + 1) % 2);
            ledger.send(new EndAffiliationCommand(PERSON_ID, from));
            Thread.yield();
            ledger.send(new AffiliatePersonCommand(PERSON_ID, to));
            moves++;
        }
        return moves;
    }

    /**
     * Walks the person's history in order, keeping the entity and each day's objects, and checks each decision
     * against them. Returns the objects granted per day.
     */
    private Map<LocalDate, Long> replayThePersonsHistory() {
        Map<LocalDate, Long> granted = new HashMap<>();
        String entity = null;
        Instant previous = Instant.MIN;
        for (Object event : ledger.storage().eventPayloads(PERSON)) {
            if (event instanceof PersonAffiliatedEvent affiliated) {
                entity = affiliated.recipientId();
            } else if (event instanceof AffiliationEndedEvent ended) {
                assertThat(ended.recipientId()).isEqualTo(entity);
                entity = null;
            } else if (event instanceof ObjectExportDecision decision) {
                assertThat(decision.decidedAt()).as("decision times never run backwards").isAfterOrEqualTo(previous);
                previous = decision.decidedAt();
                LocalDate day = decision.decidedAt().atZone(ZoneOffset.UTC).toLocalDate();
                long before = granted.getOrDefault(day, 0L);
                long requested = decision.request().objectCount();
                assertThat(decision.recipientId()).as("%s", decision).isEqualTo(entity);
                assertThat(decision.objects().day()).isEqualTo(day);
                if (decision instanceof ObjectExportGrantedEvent) {
                    assertThat(entity).as("a grant needs the entity's terms, the person has none: %s", decision)
                            .isNotNull();
                    granted.put(day, before + requested);
                    assertThat(decision.objects().used()).as("%s", decision).isEqualTo(before + requested);
                } else if (decision instanceof ObjectExportDeniedEvent denied) {
                    assertThat(denied.objects().used()).as("%s", decision).isEqualTo(before);
                    switch (denied.reason()) {
                        case TERMS_NOT_ACCEPTED -> assertThat(entity).isNull();
                        case DAILY_OBJECT_LIMIT_EXCEEDED -> assertThat(before + requested).isGreaterThan(LIMIT);
                        default -> throw new AssertionError("no other reason applies here: " + denied);
                    }
                }
            }
        }
        return granted;
    }

    private void theEntitiesAgreeWithThePerson() {
        String now = ledger.<PersonView>send(new DescribePersonCommand(PERSON_ID)).recipientId();
        List<Object> personEvents = ledger.storage().eventPayloads(PERSON);
        for (String entity : ENTITIES) {
            long joinedPerPerson = personEvents.stream().filter(event -> event instanceof PersonAffiliatedEvent a
                    && a.recipientId().equals(entity)).count();
            long leftPerPerson = personEvents.stream().filter(event -> event instanceof AffiliationEndedEvent e
                    && e.recipientId().equals(entity)).count();
            List<Object> entityEvents = ledger.storage().eventPayloads(entity);
            assertThat(entityEvents).filteredOn(PersonJoinedRecipientEvent.class::isInstance)
                    .hasSize((int) joinedPerPerson);
            assertThat(entityEvents).filteredOn(PersonLeftRecipientEvent.class::isInstance)
                    .hasSize((int) leftPerPerson);
            Set<String> persons = ledger.<RecipientView>send(new DescribeRecipientCommand(entity)).persons();
            assertThat(persons).isEqualTo(entity.equals(now) ? Set.of(PERSON_ID) : Set.of());
        }
    }

    private static ExportObjectsCommand export(String requestId, Random random) {
        // Large enough that a few dozen grants reach the day's limit however the exports and moves interleave.
        long posts = random.nextInt(41);
        long users = 1 + random.nextInt(10);
        return new ExportObjectsCommand(new ObjectExportRequest(requestId, PERSON_ID, posts, users,
                ExportChannel.MANUAL_DOWNLOAD, ExportFormat.XLSX, true), requestId + "-granted");
    }

    private static Map<TermsDocument, String> allDocuments() {
        Map<TermsDocument, String> documents = new EnumMap<>(TermsDocument.class);
        Arrays.stream(TermsDocument.values()).forEach(document -> documents.put(document, "2024-11"));
        return documents;
    }
}

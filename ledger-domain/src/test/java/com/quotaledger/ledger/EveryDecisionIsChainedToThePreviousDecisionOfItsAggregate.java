package com.quotaledger.ledger;

import com.quotaledger.decision.DecisionChain;
import com.quotaledger.decision.LedgerDecision;
import com.quotaledger.exemption.api.GrantAcademicApprovalCommand;
import com.quotaledger.exemption.api.ResearchPurpose;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.person.api.AffiliatePersonCommand;
import com.quotaledger.person.api.EndAffiliationCommand;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.person.api.ExportFormat;
import com.quotaledger.person.api.ExportObjectsCommand;
import com.quotaledger.person.api.ObjectExportRequest;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.terms.api.TermsDocument;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decisions of two recipients and a person, interleaved with events that are not decisions, in one ledger: each
 * aggregate's decisions form a chain of their own from the genesis hash, which an auditor can walk over the stored
 * events, and which survives rebuilding an aggregate from its events or from a snapshot.
 */
class EveryDecisionIsChainedToThePreviousDecisionOfItsAggregate {

    private static final String ACME = "acme-research";
    private static final String GLOBEX = "globex-labs";
    private static final String PERSON_ID = "ada@acme.example";
    /** The person's aggregate id, as {@code PersonIds.aggregateId} makes it. */
    private static final String PERSON = "person:" + PERSON_ID;
    private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

    private final MutableClock clock = MutableClock.at(START);
    private final InMemoryLedger ledger = new InMemoryLedger(clock, RedistributionPolicy.defaults());
    private int requests;

    @BeforeEach
    void decisionsInterleavedAcrossAggregates() {
        ledger.send(new RegisterRecipientCommand(ACME, "ACME Research Ltd", RecipientKind.COMPANY));
        ledger.send(new RegisterRecipientCommand(GLOBEX, "Globex Labs", RecipientKind.COMPANY));
        share(GLOBEX, 10);
        ledger.send(new AcceptTermsCommand(ACME, "legal@acme.example", allDocuments()));
        ledger.send(new AffiliatePersonCommand(PERSON_ID, ACME));
        share(ACME, 1_000_000);
        export(300);
        share(ACME, 600_000);
        ledger.send(new GrantAcademicApprovalCommand(ACME, "x-academic-1", "University of Examples",
                ResearchPurpose.PEER_REVIEW, 1_000, 0, START, START.plus(Duration.ofDays(90)), "letter 17",
                "compliance@ledger.example"));
        export(201);
        ledger.send(new ShareIdsCommand(new ShareRequest("academic-1", ACME, PERSON_ID, new IdCounts(700, 0, 0),
                ShareBasis.academicApproval("x-academic-1"), "peer review"), "share-academic-1"));
        share(GLOBEX, 20);
        ledger.send(new EndAffiliationCommand(PERSON_ID, ACME));
        export(1);
    }

    @Test
    void thePersonsAggregateIdIsTheOneStorageKnowsItBy() {
        assertThat(PersonIds.aggregateId(PERSON_ID)).isEqualTo(PERSON);
    }

    @AfterEach
    void close() {
        ledger.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {ACME, GLOBEX, PERSON})
    void eachAggregatesDecisionsChainFromTheGenesisHashToTheLast(String aggregateId) {
        List<DomainEventMessage<?>> decisions = decisions(aggregateId);
        assertThat(decisions).hasSizeGreaterThanOrEqualTo(2);

        String previous = DecisionChain.GENESIS;
        for (DomainEventMessage<?> decision : decisions) {
            assertThat(decision.getMetaData().get(DecisionChain.PREVIOUS_HASH)).as("%s", decision.getPayload())
                    .isEqualTo(previous);
            String hash = (String) decision.getMetaData().get(DecisionChain.HASH);
            assertThat(hash).isEqualTo(DecisionChain.hash(previous, (LedgerDecision) decision.getPayload()));
            previous = hash;
        }
        assertThat(DecisionChains.firstBreak(ledger.storage().events(aggregateId))).isEqualTo(-1);
    }

    @Test
    void eventsThatAreNotDecisionsCarryNoHash() {
        for (String aggregateId : List.of(ACME, GLOBEX, PERSON)) {
            assertThat(ledger.storage().events(aggregateId))
                    .filteredOn(event -> !(event.getPayload() instanceof LedgerDecision))
                    .isNotEmpty()
                    .allMatch(event -> !event.getMetaData().containsKey(DecisionChain.HASH)
                            && !event.getMetaData().containsKey(DecisionChain.PREVIOUS_HASH));
        }
    }

    @Test
    void theChainGoesOnWhenTheAggregatesAreRebuiltFromTheirEvents() {
        String lastOfAcme = lastHash(ACME);
        String lastOfPerson = lastHash(PERSON);
        ledger.forgetCachedAggregates();

        share(ACME, 1);
        export(1);

        assertThat(last(ACME).getMetaData().get(DecisionChain.PREVIOUS_HASH)).isEqualTo(lastOfAcme);
        assertThat(last(PERSON).getMetaData().get(DecisionChain.PREVIOUS_HASH)).isEqualTo(lastOfPerson);
        assertThat(DecisionChains.firstBreak(ledger.storage().events(ACME))).isEqualTo(-1);
    }

    @Test
    void theChainGoesOnWhenTheAggregatesAreRestoredFromSnapshots() {
        String lastOfAcme = lastHash(ACME);
        String lastOfPerson = lastHash(PERSON);
        ledger.snapshotRecipient(ACME);
        ledger.snapshotPerson(PERSON_ID);
        ledger.forgetCachedAggregates();

        share(ACME, 1);
        export(1);

        assertThat(ledger.storage().snapshotsRead()).isEqualTo(2);
        assertThat(last(ACME).getMetaData().get(DecisionChain.PREVIOUS_HASH)).isEqualTo(lastOfAcme);
        assertThat(last(PERSON).getMetaData().get(DecisionChain.PREVIOUS_HASH)).isEqualTo(lastOfPerson);
    }

    @Test
    void anAuditorFindsAStoredDecisionThatWasEdited() {
        List<DomainEventMessage<?>> events = new ArrayList<>(ledger.storage().events(ACME));
        int position = positionOfDecision(events, 2);
        DomainEventMessage<?> stored = events.get(position);
        ShareGrantedEvent original = (ShareGrantedEvent) stored.getPayload();
        events.set(position, withPayload(stored, new ShareGrantedEvent(original.request(), original.shareId(),
                original.decidedAt().minusSeconds(1), original.quota(), original.approval())));

        assertThat(DecisionChains.firstBreak(events)).isEqualTo(position);
    }

    @Test
    void anAuditorFindsAStoredDecisionThatWasRemoved() {
        List<DomainEventMessage<?>> events = new ArrayList<>(ledger.storage().events(PERSON));
        int position = positionOfDecision(events, 0);
        events.remove(position);

        assertThat(DecisionChains.firstBreak(events)).isEqualTo(positionOfDecision(events, 0));
    }

    @Test
    void anAuditorFindsStoredDecisionsThatWereReordered() {
        List<DomainEventMessage<?>> events = new ArrayList<>(ledger.storage().events(ACME));
        int first = positionOfDecision(events, 0);
        int second = positionOfDecision(events, 1);
        DomainEventMessage<?> moved = events.remove(second);
        events.add(first, moved);

        assertThat(DecisionChains.firstBreak(events)).isEqualTo(first);
    }

    private void share(String recipientId, long postIds) {
        requests++;
        ledger.send(new ShareIdsCommand(new ShareRequest("request-" + requests, recipientId,
                new IdCounts(postIds, 0, 0), null), "share-" + requests));
        clock.advance(Duration.ofMinutes(1));
    }

    private void export(long postObjects) {
        requests++;
        ledger.send(new ExportObjectsCommand(new ObjectExportRequest("request-" + requests, PERSON_ID, postObjects,
                0, ExportChannel.MANUAL_DOWNLOAD, ExportFormat.PDF, true), "export-" + requests));
        clock.advance(Duration.ofMinutes(1));
    }

    private List<DomainEventMessage<?>> decisions(String aggregateId) {
        return ledger.storage().events(aggregateId).stream()
                .filter(event -> event.getPayload() instanceof LedgerDecision).toList();
    }

    private DomainEventMessage<?> last(String aggregateId) {
        List<DomainEventMessage<?>> decisions = decisions(aggregateId);
        return decisions.get(decisions.size() - 1);
    }

    private String lastHash(String aggregateId) {
        return (String) last(aggregateId).getMetaData().get(DecisionChain.HASH);
    }

    private static int positionOfDecision(List<DomainEventMessage<?>> events, int decision) {
        return IntStream.range(0, events.size()).filter(i -> events.get(i).getPayload() instanceof LedgerDecision)
                .skip(decision).findFirst().orElseThrow();
    }

    private static DomainEventMessage<?> withPayload(DomainEventMessage<?> stored, Object payload) {
        return new GenericDomainEventMessage<>(stored.getType(), stored.getAggregateIdentifier(),
                stored.getSequenceNumber(), payload, stored.getMetaData());
    }

    private static Map<TermsDocument, String> allDocuments() {
        Map<TermsDocument, String> documents = new EnumMap<>(TermsDocument.class);
        Arrays.stream(TermsDocument.values()).forEach(document -> documents.put(document, "2024-11"));
        return documents;
    }
}

package com.quotaledger.decision;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.quotaledger.ledger.StorageSerializer;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareRequest;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TheDecisionChainTellsAnEditedRemovedOrReorderedDecision {

    private static final Duration WINDOW = Duration.ofDays(30);
    private static final Instant T = Instant.parse("2025-03-01T09:00:00Z");

    /** One decision with the hashes it was stored with. */
    private record Stored(LedgerDecision decision, String previousHash, String hash) {
    }

    private final List<LedgerDecision> decisions = List.of(
            granted("request-1", 400, T, 0),
            denied("request-2", 2_000_000, T.plusSeconds(1), 400),
            granted("request-3", 100, T.plusSeconds(2), 400));

    @Test
    void theFirstDecisionFollowsTheGenesisHashAndEachLaterOneTheHashBeforeIt() {
        List<Stored> chain = chain(decisions);

        assertThat(DecisionChain.GENESIS).isEqualTo("0".repeat(64));
        assertThat(chain.get(0).previousHash()).isEqualTo(DecisionChain.GENESIS);
        assertThat(chain.get(1).previousHash()).isEqualTo(chain.get(0).hash());
        assertThat(chain.get(2).previousHash()).isEqualTo(chain.get(1).hash());
        assertThat(chain).extracting(Stored::hash).allMatch(hash -> hash.matches("[0-9a-f]{64}"))
                .doesNotHaveDuplicates();
        assertThat(firstBreak(chain)).isEqualTo(-1);
    }

    @Test
    void anEditedDecisionNoLongerMatchesItsHash() {
        List<Stored> chain = new ArrayList<>(chain(decisions));
        Stored original = chain.get(1);
        chain.set(1, new Stored(denied("request-2", 2_000_000, T.plusSeconds(1), 399), original.previousHash(),
                original.hash()));

        assertThat(firstBreak(chain)).isEqualTo(1);
    }

    @Test
    void anEditedDecisionWithItsHashRecomputedBreaksTheLinkToTheNext() {
        List<Stored> chain = new ArrayList<>(chain(decisions));
        Stored original = chain.get(1);
        LedgerDecision edited = denied("request-2", 2_000_000, T.plusSeconds(1), 399);
        chain.set(1, new Stored(edited, original.previousHash(), DecisionChain.hash(original.previousHash(), edited)));

        assertThat(firstBreak(chain)).isEqualTo(2);
    }

    @Test
    void aRemovedDecisionBreaksTheLinkOfTheOneAfterIt() {
        List<Stored> chain = new ArrayList<>(chain(decisions));
        chain.remove(1);

        assertThat(firstBreak(chain)).isEqualTo(1);
    }

    @Test
    void aRemovedFirstDecisionLeavesTheNextOneWithoutTheGenesisHash() {
        List<Stored> chain = new ArrayList<>(chain(decisions));
        chain.remove(0);

        assertThat(firstBreak(chain)).isZero();
    }

    @Test
    void reorderedDecisionsBreakTheChainWhereTheOrderChanges() {
        List<Stored> chain = new ArrayList<>(chain(decisions));
        chain.add(1, chain.remove(2));

        assertThat(firstBreak(chain)).isEqualTo(1);
    }

    @Test
    void theSameDecisionAfterAnotherPreviousHashHasAnotherHash() {
        LedgerDecision decision = decisions.get(0);

        assertThat(DecisionChain.hash(DecisionChain.GENESIS, decision))
                .isEqualTo(DecisionChain.hash(DecisionChain.GENESIS, granted("request-1", 400, T, 0)))
                .isNotEqualTo(DecisionChain.hash("f".repeat(64), decision));
    }

    @Test
    void aDecisionReadBackFromStorageStillFollowsItsChain() {
        Serializer storage = StorageSerializer.create();
        List<Stored> chain = chain(decisions);
        List<Stored> readBack = chain.stream().map(stored -> new Stored(
                storage.<String, LedgerDecision>deserialize(storage.serialize(stored.decision(), String.class)),
                stored.previousHash(), stored.hash())).toList();

        assertThat(readBack).extracting(Stored::decision).isEqualTo(decisions);
        assertThat(firstBreak(readBack)).isEqualTo(-1);
    }

    @Test
    void anAuditorRecomputesAHashFromThePreviousHashAndTheDecisionsCanonicalJson() throws Exception {
        LedgerDecision decision = decisions.get(1);
        String previous = "a".repeat(64);
        byte[] canonical = JsonMapper.builder().addModule(new JavaTimeModule())
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
                .build().writeValueAsBytes(decision);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((previous + "\n").getBytes(StandardCharsets.US_ASCII));
        sha256.update(canonical);

        assertThat(new String(canonical, StandardCharsets.UTF_8))
                .contains("\"decidedAt\":\"2025-03-01T09:00:01Z\"", "\"window\":\"PT720H\"");
        assertThat(DecisionChain.hash(previous, decision)).isEqualTo(HexFormat.of().formatHex(sha256.digest()));
    }

    @Test
    void theLinkIsMetadataWithThePreviousHashAndTheHash() {
        MetaData first = DecisionChain.link(null, decisions.get(0));
        MetaData second = DecisionChain.link(first.get(DecisionChain.HASH).toString(), decisions.get(1));

        assertThat(first).containsEntry(DecisionChain.PREVIOUS_HASH, DecisionChain.GENESIS)
                .containsEntry(DecisionChain.HASH, DecisionChain.hash(DecisionChain.GENESIS, decisions.get(0)));
        assertThat(second).containsEntry(DecisionChain.PREVIOUS_HASH, first.get(DecisionChain.HASH));
    }

    private static List<Stored> chain(List<LedgerDecision> decisions) {
        List<Stored> chain = new ArrayList<>();
        String previous = null;
        for (LedgerDecision decision : decisions) {
            MetaData link = DecisionChain.link(previous, decision);
            String hash = link.get(DecisionChain.HASH).toString();
            chain.add(new Stored(decision, link.get(DecisionChain.PREVIOUS_HASH).toString(), hash));
            previous = hash;
        }
        return chain;
    }

    /** Where the chain breaks, checked as an auditor would: the first stored decision that does not follow. */
    private static int firstBreak(List<Stored> chain) {
        String previous = null;
        for (int position = 0; position < chain.size(); position++) {
            Stored stored = chain.get(position);
            if (!DecisionChain.follows(previous, stored.decision(), stored.previousHash(), stored.hash())) {
                return position;
            }
            previous = stored.hash();
        }
        return -1;
    }

    private static ShareGrantedEvent granted(String requestId, long postIds, Instant at, long usedBefore) {
        ShareRequest request = new ShareRequest(requestId, "acme-research", new IdCounts(postIds, 0, 0), null);
        return new ShareGrantedEvent(request, "share-" + requestId, at, quota(at, usedBefore + postIds), null);
    }

    private static ShareDeniedEvent denied(String requestId, long postIds, Instant at, long used) {
        ShareRequest request = new ShareRequest(requestId, "acme-research", new IdCounts(postIds, 0, 0), null);
        return new ShareDeniedEvent(request, DenialReason.REQUEST_EXCEEDS_LIMIT, at, null, quota(at, used), null);
    }

    private static Quota quota(Instant asOf, long used) {
        return new Quota(1_500_000, Quota.DEFAULT_LIMIT_SOURCE, used, 1_500_000 - used, WINDOW, asOf.minus(WINDOW),
                asOf, used == 0 ? null : T.plus(WINDOW), used);
    }
}

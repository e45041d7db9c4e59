package com.quotaledger.decision;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.messaging.MetaData;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Tamper evidence: every decision carries, in its metadata, a SHA-256 over the previous decision's hash (of the same
 * aggregate) and the decision's canonical form. Editing, removing or reordering a stored decision breaks the chain
 * from that decision on, which {@link #follows} tells.
 */
public final class DecisionChain {

    public static final String HASH = "decisionHash";
    public static final String PREVIOUS_HASH = "previousDecisionHash";
    /** The previous hash of an aggregate's first decision. */
    public static final String GENESIS = "0".repeat(64);

    /** Sorted properties and ISO-8601 times: the same decision always has the same text. */
    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    private DecisionChain() {
    }

    /** The metadata for a decision that follows {@code previousHash} (null for the first). */
    public static MetaData link(String previousHash, LedgerDecision decision) {
        String previous = previousHash == null ? GENESIS : previousHash;
        return MetaData.with(PREVIOUS_HASH, previous).and(HASH, hash(previous, decision));
    }

    public static String hash(String previousHash, LedgerDecision decision) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(previousHash.getBytes(StandardCharsets.US_ASCII));
            sha256.update((byte) '\n');
            sha256.update(CANONICAL.writeValueAsBytes(decision));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a decision that cannot be written as JSON", e);
        }
    }

    /**
     * Whether a stored decision is the one that follows {@code previousHash}: its recorded previous hash and its own
     * hash must both match what its content implies.
     */
    public static boolean follows(String previousHash, LedgerDecision decision, String recordedPreviousHash,
                                  String recordedHash) {
        String previous = previousHash == null ? GENESIS : previousHash;
        return previous.equals(recordedPreviousHash) && hash(previous, decision).equals(recordedHash);
    }
}

package com.quotaledger.recipient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.util.List;

/** The shares a recipient's stored snapshot holds in its window, read back for tests outside this package. */
public final class WindowSnapshots {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    /** One entry of a snapshot's window: the shares granted at one (rounded) instant, summed. */
    public record Entry(Instant grantedAt, long postIds, long userIds, long directMessageIds) {
    }

    private WindowSnapshots() {
    }

    /** The entries of {@code window}, the {@code window} field of a recipient's snapshot, oldest first. */
    public static List<Entry> entries(JsonNode window) {
        try {
            return JSON.treeToValue(window, RollingWindow.class).entries().stream()
                    .map(entry -> new Entry(entry.grantedAt(), entry.ids().postIds(), entry.ids().userIds(),
                            entry.ids().directMessageIds()))
                    .toList();
        } catch (Exception e) {
            throw new IllegalArgumentException("not a window snapshot: " + window, e);
        }
    }
}

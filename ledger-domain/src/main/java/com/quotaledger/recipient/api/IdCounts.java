package com.quotaledger.recipient.api;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.Set;

/**
 * How many identifiers of each kind one share hands over. A share carries counts only, never content.
 */
public record IdCounts(long postIds, long userIds, long directMessageIds) {

    /** The most identifiers of one kind that a single request may name. */
    public static final long MAX_IDS_PER_REQUEST = 10_000_000L;

    public static final IdCounts NONE = new IdCounts(0, 0, 0);

    public IdCounts {
        requireCount(postIds, "postIds");
        requireCount(userIds, "userIds");
        requireCount(directMessageIds, "directMessageIds");
    }

    public long of(IdKind kind) {
        return switch (kind) {
            case POST -> postIds;
            case USER -> userIds;
            case DIRECT_MESSAGE -> directMessageIds;
        };
    }

    /** The sum over the given kinds: what a share counts against a limit that covers those kinds. */
    public long sumOf(Set<IdKind> kinds) {
        long sum = 0;
        for (IdKind kind : kinds) {
            sum = Math.addExact(sum, of(kind));
        }
        return sum;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return postIds == 0 && userIds == 0 && directMessageIds == 0;
    }

    public IdCounts plus(IdCounts other) {
        return new IdCounts(Math.addExact(postIds, other.postIds),
                Math.addExact(userIds, other.userIds),
                Math.addExact(directMessageIds, other.directMessageIds));
    }

    public IdCounts minus(IdCounts other) {
        return new IdCounts(Math.subtractExact(postIds, other.postIds),
                Math.subtractExact(userIds, other.userIds),
                Math.subtractExact(directMessageIds, other.directMessageIds));
    }

    private static void requireCount(long count, String name) {
        if (count < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + count);
        }
    }
}

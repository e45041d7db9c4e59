package com.quotaledger.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Real decisions put in the ledger's store before a workload, so that the workload shows whether a decision costs
 * more on a larger store: recipients of their own, registered over HTTP (two events each: registered, terms accepted),
 * then shares to them produced to the ledger's Kafka bridge, keyed by recipient, each a decision that the ledger
 * takes and stores as one event. The baseline gets the same shares as rows of its table.
 * <p>
 * Shares go to the recipients in turn and are at most {@link #MAX_POST_IDS_PER_SHARE} Post IDs, so every one of them
 * fits its recipient's limit and is granted.
 *
 * @param recipientCount recipients of the fill, at most {@link #MAX_RECIPIENTS}
 * @param shares         shares decided over Kafka
 */
record StoreFill(int recipientCount, int shares) {

    static final int REGISTRATION_EVENTS_PER_RECIPIENT = 2;
    /** A hundred events to a recipient: a store of many recipients with short histories, as a ledger's is. */
    static final int EVENTS_PER_RECIPIENT = 100;
    static final int MAX_RECIPIENTS = 10_000;
    static final int MAX_POST_IDS_PER_SHARE = 1_000;
    private static final String PREFIX = "fill-";

    StoreFill {
        if (recipientCount < 0 || recipientCount > MAX_RECIPIENTS || shares < 0
                || shares > 0 && recipientCount == 0) {
            throw new IllegalArgumentException(shares + " shares to " + recipientCount + " recipients");
        }
        long sharesOfBusiestRecipient = recipientCount == 0 ? 0 : (shares + recipientCount - 1L) / recipientCount;
        if (sharesOfBusiestRecipient * MAX_POST_IDS_PER_SHARE > SqlQuotaLedger.LIMIT) {
            throw new IllegalArgumentException(shares + " shares to " + recipientCount
                    + " recipients would not all be granted");
        }
    }

    static StoreFill none() {
        return new StoreFill(0, 0);
    }

    /** About {@code events} events: a recipient for every hundred, up to the most recipients, shares for the rest. */
    static StoreFill ofEvents(int events) {
        if (events <= 0) {
            return none();
        }
        int recipients = Math.min(MAX_RECIPIENTS, Math.max(1, events / EVENTS_PER_RECIPIENT));
        return new StoreFill(recipients, Math.max(0, events - REGISTRATION_EVENTS_PER_RECIPIENT * recipients));
    }

    boolean isEmpty() {
        return recipientCount == 0;
    }

    long events() {
        return (long) REGISTRATION_EVENTS_PER_RECIPIENT * recipientCount + shares;
    }

    List<String> recipients() {
        List<String> recipients = new ArrayList<>(recipientCount);
        for (int i = 0; i < recipientCount; i++) {
            recipients.add(recipientOf(i));
        }
        return recipients;
    }

    /** The recipient of share {@code share}: the recipients in turn. */
    String recipientOfShare(int share) {
        return recipientOf(share % recipientCount);
    }

    /**
     * Every share once, each recipient's shares together: an index on the recipient takes rows in this order several
     * times faster than in the order they were decided.
     */
    int[] sharesByRecipient() {
        int[] ordered = new int[shares];
        int next = 0;
        for (int recipient = 0; recipient < recipientCount; recipient++) {
            for (int share = recipient; share < shares; share += recipientCount) {
                ordered[next++] = share;
            }
        }
        return ordered;
    }

    static String requestIdOf(int share) {
        return PREFIX + "share-" + share;
    }

    /** The share a requestId names, or -1 if it names none of a fill's. */
    static int shareOf(String requestId) {
        String prefix = PREFIX + "share-";
        if (requestId == null || !requestId.startsWith(prefix) || requestId.length() == prefix.length()
                || requestId.length() > prefix.length() + 10) {
            return -1;
        }
        long share = 0;
        for (int i = prefix.length(); i < requestId.length(); i++) {
            char digit = requestId.charAt(i);
            if (digit < '0' || digit > '9') {
                return -1;
            }
            share = share * 10 + (digit - '0');
        }
        return share > Integer.MAX_VALUE ? -1 : (int) share;
    }

    static long postIdsOf(int share) {
        return 1 + share % MAX_POST_IDS_PER_SHARE;
    }

    private static String recipientOf(int index) {
        return PREFIX + "recipient-" + index;
    }
}

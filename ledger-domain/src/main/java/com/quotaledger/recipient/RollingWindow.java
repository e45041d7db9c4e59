package com.quotaledger.recipient;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.Quota;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The shares granted to one recipient that may still count against its limit, oldest first, with their running
 * total. A share granted at {@code s} counts at every instant {@code t} with {@code s <= t < r + window}, where
 * {@code r} is {@code s} rounded up to the whole millisecond and then to a multiple of the granularity it was added
 * with. Rounding up only ever releases a share late, so it can never let the ledger grant beyond the limit; at the
 * default granularity of one millisecond it changes nothing, because decisions are taken at whole milliseconds.
 * <p>
 * Shares whose rounded times are equal are kept as one entry, and entries are kept as primitives in a ring buffer:
 * 32 bytes a distinct millisecond, up to 48 with the room that growing leaves, where a deque of objects took about
 * 100 bytes a share. Its state is bounded by the shares inside the window: {@link #expire} forgets the rest. Queries
 * never rely on expiry having happened, so a window expired at the last event still answers for any later instant.
 * <p>
 * Its snapshot form is {@code {"compact": "<base64>"}}, described at {@link #compact()}; the form of earlier versions,
 * {@code {"entries": [{"grantedAt": ..., "ids": {...}}, ...]}}, is still read.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.NONE,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class RollingWindow {

    /** One entry as a value, for reading the window oldest first; the window itself holds no such objects. */
    record Entry(Instant grantedAt, IdCounts ids) {
    }

    /**
     * The most entries a window holds: 32 GB of arrays, beyond any heap the ledger runs in, and twelve days of a share
     * every millisecond. Java arrays could not hold twice as many.
     */
    static final int MAX_ENTRIES = 1 << 30;
    /** The version of {@link #compact()} this class writes; a reader refuses any other. */
    static final int COMPACT_FORM_VERSION = 1;

    private static final int MIN_CAPACITY = 16;
    private static final long[] NO_SLOTS = new long[0];
    private static final long NO_SHARE = Long.MIN_VALUE;
    // In the compact form, an entry's first varint carries which of its counts follow in its three lowest bits.
    private static final int POST_IDS_FOLLOW = 1;
    private static final int USER_IDS_FOLLOW = 2;
    private static final int DIRECT_MESSAGE_IDS_FOLLOW = 4;
    private static final int FOLLOWING_COUNTS_BITS = 3;

    // Entry i, counted from the oldest, lives at slot (head + i) modulo the capacity of each array. Times are epoch
    // milliseconds, rounded as the class says, and strictly increasing from the oldest entry to the newest.
    private long[] grantedAtMillis = NO_SLOTS;
    private long[] postIds = NO_SLOTS;
    private long[] userIds = NO_SLOTS;
    private long[] directMessageIds = NO_SLOTS;
    private int head;
    private int size;
    /** Always the sum of the entries; IdCounts refuses to go negative, which catches a broken sum. */
    private IdCounts total = IdCounts.NONE;
    /**
     * When the latest share still in the window was granted, to the millisecond and before rounding to the
     * granularity: the next share must not be earlier. Entries alone cannot tell, as rounding merges shares.
     */
    private long latestShareMillis = NO_SHARE;

    RollingWindow() {
    }

    /** The snapshot form: the compact encoding, or the list of entries that earlier versions wrote; never both. */
    @JsonCreator
    RollingWindow(@JsonProperty("compact") String compact, @JsonProperty("entries") List<Entry> entries) {
        if (compact != null && entries != null) {
            throw new IllegalArgumentException("a window snapshot holds either compact or entries, not both");
        }
        if (compact != null) {
            readCompact(Base64.getDecoder().decode(compact));
        } else if (entries != null) {
            // written before granularity existed, so every entry is exact: it keeps its own release time
            entries.forEach(entry -> add(entry.grantedAt(), entry.ids()));
        }
    }

    /** Adds a share at the default granularity of one millisecond, which releases it exactly one window later. */
    void add(Instant grantedAt, IdCounts ids) {
        add(grantedAt, ids, RedistributionPolicy.DEFAULT_WINDOW_GRANULARITY);
    }

    /**
     * Adds a share granted at {@code grantedAt}, which must not be before the latest share in the window. It counts
     * until {@link #releaseOf} says, merged with the newest entry when their rounded times are equal.
     */
    void add(Instant grantedAt, IdCounts ids, Duration granularity) {
        long grantedMillis = ceilMillis(grantedAt);
        if (grantedMillis < latestShareMillis) {
            throw new IllegalStateException("shares must be added in time order: " + grantedAt
                    + " is before " + Instant.ofEpochMilli(latestShareMillis));
        }
        append(entryMillisFor(grantedMillis, granularity), ids.postIds(), ids.userIds(),
                ids.directMessageIds());
        latestShareMillis = grantedMillis;
    }

    /** When a share granted at {@code grantedAt} and added now with {@code granularity} would leave the window. */
    Instant releaseOf(Instant grantedAt, Duration window, Duration granularity) {
        return Instant.ofEpochMilli(entryMillisFor(ceilMillis(grantedAt), granularity)).plus(window);
    }

    /** Forgets the shares that no longer count at {@code now}. */
    void expire(Instant now, Duration window) {
        long cutoffMillis = cutoffMillis(now, window);
        int leaving = 0;
        long posts = 0;
        long users = 0;
        long directMessages = 0;
        while (leaving < size && grantedAtMillis[slot(leaving)] <= cutoffMillis) {
            int slot = slot(leaving);
            posts = Math.addExact(posts, postIds[slot]);
            users = Math.addExact(users, userIds[slot]);
            directMessages = Math.addExact(directMessages, directMessageIds[slot]);
            leaving++;
        }
        if (leaving == 0) {
            return;
        }
        total = total.minus(new IdCounts(posts, users, directMessages));
        head = slot(leaving);
        size -= leaving;
        if (size == 0) {
            // the one moment the sum of the entries is known without adding them up
            if (!total.isEmpty()) {
                throw new IllegalStateException("the window's entries do not add up to its total " + total);
            }
            // an empty window holds no arrays, so a quiet recipient costs a few bytes
            resize(0);
            latestShareMillis = NO_SHARE;
        } else if (capacity() > MIN_CAPACITY && size <= capacity() / 4) {
            // shrinking only at a quarter, to half, keeps a window that swings around one size from copying often
            resize(Math.max(MIN_CAPACITY, size * 2));
        }
    }

    /** The IDs of every kind granted in the window ending at {@code now}. */
    IdCounts inWindow(Instant now, Duration window) {
        long cutoffMillis = cutoffMillis(now, window);
        if (size == 0 || grantedAtMillis[head] > cutoffMillis) {
            return total;
        }
        long posts = total.postIds();
        long users = total.userIds();
        long directMessages = total.directMessageIds();
        for (int i = 0; i < size && grantedAtMillis[slot(i)] <= cutoffMillis; i++) {
            int slot = slot(i);
            posts = Math.subtractExact(posts, postIds[slot]);
            users = Math.subtractExact(users, userIds[slot]);
            directMessages = Math.subtractExact(directMessages, directMessageIds[slot]);
        }
        return new IdCounts(posts, users, directMessages);
    }

    Quota quota(Instant now, Duration window, long limit, String limitSource, Set<IdKind> countedKinds) {
        long used = inWindow(now, window).sumOf(countedKinds);
        Instant nextReleaseAt = null;
        long nextReleaseAmount = 0;
        // entries have distinct times, so the first one with counted IDs is the whole next release
        for (int i = firstCounting(cutoffMillis(now, window)); i < size; i++) {
            long amount = countedAt(slot(i), countedKinds);
            if (amount > 0) {
                nextReleaseAt = releaseAt(slot(i), window);
                nextReleaseAmount = amount;
                break;
            }
        }
        return new Quota(limit, limitSource, used, Math.max(0, limit - used), window, now.minus(window), now,
                nextReleaseAt, nextReleaseAmount);
    }

    /**
     * The first instant at or after {@code now} at which {@code requested} more counted IDs fit under
     * {@code limit}, assuming nothing else is granted meanwhile. Requires {@code requested <= limit}.
     */
    Instant fitsAt(Instant now, Duration window, long limit, Set<IdKind> countedKinds, long requested) {
        if (requested > limit) {
            throw new IllegalArgumentException("a request larger than the limit never fits");
        }
        Instant fits = fitsAt(now, window, countedKinds, requested, instant -> limit, new TreeSet<>());
        if (fits == null) {
            throw new IllegalStateException("the window's shares do not add up to its total");
        }
        return fits;
    }

    /**
     * The first instant at or after {@code now} at which {@code requested} more counted IDs fit under the limit in
     * force then ({@code limitAt}), assuming nothing else is granted meanwhile; null if none does. The window only
     * changes when a share leaves it and the limit only at {@code limitChanges}, so those are the instants to try.
     */
    Instant fitsAt(Instant now, Duration window, Set<IdKind> countedKinds, long requested,
                   Function<Instant, Long> limitAt, SortedSet<Instant> limitChanges) {
        long used = inWindow(now, window).sumOf(countedKinds);
        if (used + requested <= limitAt.apply(now)) {
            return now;
        }
        int nextLeaving = firstCounting(cutoffMillis(now, window));
        Iterator<Instant> changes = limitChanges.iterator();
        Instant nextChange = changes.hasNext() ? changes.next() : null;
        while (nextLeaving < size || nextChange != null) {
            Instant leaveAt = nextLeaving < size ? releaseAt(slot(nextLeaving), window) : null;
            Instant at = leaveAt == null || nextChange != null && nextChange.isBefore(leaveAt) ? nextChange : leaveAt;
            // entries have distinct times, so no two of them leave at the same instant
            if (at.equals(leaveAt)) {
                used -= countedAt(slot(nextLeaving), countedKinds);
                nextLeaving++;
            }
            while (nextChange != null && !nextChange.isAfter(at)) {
                nextChange = changes.hasNext() ? changes.next() : null;
            }
            if (used + requested <= limitAt.apply(at)) {
                return at;
            }
        }
        return null;
    }

    /** The entries oldest first, each at its rounded time, with the shares merged into it. */
    List<Entry> entries() {
        List<Entry> entries = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int slot = slot(i);
            entries.add(new Entry(Instant.ofEpochMilli(grantedAtMillis[slot]),
                    new IdCounts(postIds[slot], userIds[slot], directMessageIds[slot])));
        }
        return entries;
    }

    /** The slots allocated in each of the four arrays of longs: what the window takes in memory, besides headers. */
    int capacity() {
        return grantedAtMillis.length;
    }

    /**
     * The snapshot form: base64 of unsigned LEB128 varints, with times in epoch milliseconds. First the format
     * version ({@value #COMPACT_FORM_VERSION}) and the number of entries; for a window with entries, then the oldest
     * entry's time, zigzag-encoded because it may be before 1970; then per entry, oldest first, one varint holding
     * the difference from the previous entry's time (0 for the oldest) shifted left by three bits, whose low bits say
     * which counts follow (1: Post IDs, 2: User IDs, 4: Direct Message IDs), and those counts; last, how long before
     * the newest entry's time the latest share was granted. A share of one kind a millisecond after the previous one
     * takes two bytes, under three characters of base64.
     */
    @JsonProperty("compact")
    String compact() {
        // most entries take two to four bytes
        Leb128.Writer out = new Leb128.Writer((int) Math.min(Integer.MAX_VALUE - 8, 32 + 3L * size));
        out.write(COMPACT_FORM_VERSION);
        out.write(size);
        if (size > 0) {
            out.write(Leb128.zigZag(grantedAtMillis[head]));
            long previousMillis = grantedAtMillis[head];
            for (int i = 0; i < size; i++) {
                int slot = slot(i);
                int following = (postIds[slot] > 0 ? POST_IDS_FOLLOW : 0)
                        | (userIds[slot] > 0 ? USER_IDS_FOLLOW : 0)
                        | (directMessageIds[slot] > 0 ? DIRECT_MESSAGE_IDS_FOLLOW : 0);
                long sincePrevious = grantedAtMillis[slot] - previousMillis;
                out.write(Math.multiplyExact(sincePrevious, 1L << FOLLOWING_COUNTS_BITS) | following);
                if (postIds[slot] > 0) {
                    out.write(postIds[slot]);
                }
                if (userIds[slot] > 0) {
                    out.write(userIds[slot]);
                }
                if (directMessageIds[slot] > 0) {
                    out.write(directMessageIds[slot]);
                }
                previousMillis = grantedAtMillis[slot];
            }
            out.write(previousMillis - latestShareMillis);
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private void readCompact(byte[] bytes) {
        Leb128.Reader in = new Leb128.Reader(bytes);
        long version = in.read();
        if (version != COMPACT_FORM_VERSION) {
            throw new IllegalArgumentException("this ledger reads window snapshots of version "
                    + COMPACT_FORM_VERSION + ", not " + Long.toUnsignedString(version));
        }
        long count = in.readNonNegative();
        // every entry takes at least one byte, so a count beyond the bytes left is corrupt, not a reason to allocate
        if (count > MAX_ENTRIES || count > in.remaining()) {
            throw new IllegalArgumentException("a window snapshot of " + bytes.length + " bytes cannot hold "
                    + count + " entries");
        }
        if (count == 0) {
            requireFullyRead(in);
            return;
        }
        resize(Math.max(MIN_CAPACITY, (int) count));
        long millis = Leb128.unZigZag(in.read());
        for (long i = 0; i < count; i++) {
            long header = in.readNonNegative();
            millis = Math.addExact(millis, header >>> FOLLOWING_COUNTS_BITS);
            long posts = (header & POST_IDS_FOLLOW) != 0 ? in.readNonNegative() : 0;
            long users = (header & USER_IDS_FOLLOW) != 0 ? in.readNonNegative() : 0;
            long directMessages = (header & DIRECT_MESSAGE_IDS_FOLLOW) != 0 ? in.readNonNegative() : 0;
            append(millis, posts, users, directMessages);
        }
        latestShareMillis = Math.subtractExact(millis, in.readNonNegative());
        requireFullyRead(in);
    }

    private static void requireFullyRead(Leb128.Reader in) {
        if (in.remaining() != 0) {
            throw new IllegalArgumentException("a window snapshot has " + in.remaining() + " bytes after its end");
        }
    }

    /** Appends an entry at {@code millis}, or adds to the newest entry when it is at the same time. */
    private void append(long millis, long posts, long users, long directMessages) {
        IdCounts ids = new IdCounts(posts, users, directMessages);
        // summed before anything changes, so an overflow leaves the window as it was
        IdCounts totalAfter = total.plus(ids);
        if (size > 0) {
            int newest = slot(size - 1);
            if (millis < grantedAtMillis[newest]) {
                throw new IllegalStateException("entries must be in time order: " + Instant.ofEpochMilli(millis)
                        + " is before " + Instant.ofEpochMilli(grantedAtMillis[newest]));
            }
            if (millis == grantedAtMillis[newest]) {
                // each entry is at most the total, so these sums cannot overflow once the total's did not
                postIds[newest] += posts;
                userIds[newest] += users;
                directMessageIds[newest] += directMessages;
                total = totalAfter;
                return;
            }
        }
        if (size == capacity()) {
            if (size == MAX_ENTRIES) {
                throw new IllegalStateException("a rolling window holds at most " + MAX_ENTRIES + " entries");
            }
            // growing by half, not double, keeps a large window within 48 bytes a share, even just after growing
            resize(size == 0 ? MIN_CAPACITY : (int) Math.min(MAX_ENTRIES, size + (long) size / 2));
        }
        int slot = slot(size);
        grantedAtMillis[slot] = millis;
        postIds[slot] = posts;
        userIds[slot] = users;
        directMessageIds[slot] = directMessages;
        size++;
        total = totalAfter;
    }

    /** Moves the entries, oldest first, to the start of new arrays of {@code newCapacity} slots. */
    private void resize(int newCapacity) {
        long[] times = newCapacity == 0 ? NO_SLOTS : new long[newCapacity];
        long[] posts = newCapacity == 0 ? NO_SLOTS : new long[newCapacity];
        long[] users = newCapacity == 0 ? NO_SLOTS : new long[newCapacity];
        long[] directMessages = newCapacity == 0 ? NO_SLOTS : new long[newCapacity];
        for (int i = 0; i < size; i++) {
            int slot = slot(i);
            times[i] = grantedAtMillis[slot];
            posts[i] = postIds[slot];
            users[i] = userIds[slot];
            directMessages[i] = directMessageIds[slot];
        }
        grantedAtMillis = times;
        postIds = posts;
        userIds = users;
        directMessageIds = directMessages;
        head = 0;
    }

    private int slot(int index) {
        // both are below the capacity, at most 2^30, so the sum cannot overflow
        int slot = head + index;
        return slot < capacity() ? slot : slot - capacity();
    }

    /** The index of the oldest entry that still counts, or {@link #size} if none does. */
    private int firstCounting(long cutoffMillis) {
        int index = 0;
        while (index < size && grantedAtMillis[slot(index)] <= cutoffMillis) {
            index++;
        }
        return index;
    }

    private long countedAt(int slot, Set<IdKind> countedKinds) {
        long counted = 0;
        for (IdKind kind : countedKinds) {
            counted = Math.addExact(counted, switch (kind) {
                case POST -> postIds[slot];
                case USER -> userIds[slot];
                case DIRECT_MESSAGE -> directMessageIds[slot];
            });
        }
        return counted;
    }

    private Instant releaseAt(int slot, Duration window) {
        return Instant.ofEpochMilli(grantedAtMillis[slot]).plus(window);
    }

    /**
     * The time an entry for a share granted at {@code grantedMillis} takes: rounded up to the granularity, and never
     * before the newest entry. The newest entry is later only after a snapshot taken under a coarser granularity;
     * joining it keeps the entries in order and still releases the share late, never early.
     */
    private long entryMillisFor(long grantedMillis, Duration granularity) {
        long granularityMillis = granularity.toMillis();
        if (granularityMillis < 1) {
            throw new IllegalArgumentException("the window's granularity must be at least a millisecond: "
                    + granularity);
        }
        long beyondMultiple = Math.floorMod(grantedMillis, granularityMillis);
        long rounded = beyondMultiple == 0 ? grantedMillis
                : Math.addExact(grantedMillis, granularityMillis - beyondMultiple);
        return size > 0 ? Math.max(rounded, grantedAtMillis[slot(size - 1)]) : rounded;
    }

    /**
     * The latest epoch millisecond at which an entry no longer counts at {@code now}: an entry at {@code g} counts
     * iff {@code g + window > now}, iff {@code g > now - window}, and as {@code g} is a whole millisecond, iff it is
     * after the millisecond that {@code now - window} falls in.
     */
    private static long cutoffMillis(Instant now, Duration window) {
        return now.minus(window).toEpochMilli();
    }

    /** The instant to the millisecond, rounded up: a share never leaves the window before its time. */
    private static long ceilMillis(Instant instant) {
        long floorMillis = instant.toEpochMilli();
        return instant.getNano() % 1_000_000 == 0 ? floorMillis : Math.addExact(floorMillis, 1);
    }
}

package com.quotaledger.reports;

import com.quotaledger.recipient.api.IdCounts;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard shares a batch of events adds to the quota read model, and the shares that left their recipient's
 * window meanwhile. As event by event: each granted share first forgets its recipient's shares granted at or before
 * its own cutoff (its time less the window), then is kept. Over a batch that is one DELETE per recipient, up to the
 * latest cutoff, for the shares kept by earlier batches, and one INSERT per share of the batch that no later cutoff
 * of its recipient forgets.
 */
final class WindowShares implements Runnable {

    private record Share(String eventIdentifier, Instant grantedAt, IdCounts ids) {
    }

    private static final class RecipientWindow {
        final List<Share> kept = new ArrayList<>();
        Instant latestCutoff;
    }

    private final JdbcTemplate jdbc;
    private final Map<String, RecipientWindow> byRecipient = new LinkedHashMap<>();

    WindowShares(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A share granted at {@code grantedAt}, after which shares granted at or before {@code cutoff} count no more. */
    void add(String recipientId, String eventIdentifier, Instant grantedAt, Instant cutoff, IdCounts ids) {
        RecipientWindow window = byRecipient.computeIfAbsent(recipientId, id -> new RecipientWindow());
        window.kept.removeIf(share -> !share.grantedAt().isAfter(cutoff));
        if (window.latestCutoff == null || cutoff.isAfter(window.latestCutoff)) {
            window.latestCutoff = cutoff;
        }
        window.kept.add(new Share(eventIdentifier, grantedAt, ids));
    }

    @Override
    public void run() {
        if (byRecipient.isEmpty()) {
            return;
        }
        List<Object[]> forgotten = new ArrayList<>();
        List<Object[]> kept = new ArrayList<>();
        byRecipient.forEach((recipientId, window) -> {
            forgotten.add(new Object[]{recipientId, Timestamp.from(window.latestCutoff)});
            for (Share share : window.kept) {
                kept.add(new Object[]{recipientId, share.eventIdentifier(), Timestamp.from(share.grantedAt()),
                        share.ids().postIds(), share.ids().userIds(), share.ids().directMessageIds()});
            }
        });
        jdbc.batchUpdate("DELETE FROM quota_window_share WHERE recipient_id = ? AND granted_at <= ?", forgotten);
        if (!kept.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO quota_window_share (recipient_id, event_identifier, granted_at, post_ids, "
                    + "user_ids, direct_message_ids) VALUES (?, ?, ?, ?, ?, ?)", kept);
        }
        byRecipient.clear();
    }
}

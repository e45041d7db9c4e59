package com.quotaledger.reports;

import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsVersion;
import com.quotaledger.terms.api.TermsVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** The auditor's reports, answered from the report read models. */
@Repository
public class Reports {

    /**
     * The recipient column of objects exported to a person without an entity: the counters' key cannot be null, and
     * such objects count against no recipient, so the usage report leaves them out.
     */
    static final String NO_ENTITY = "";

    private final JdbcTemplate jdbc;
    private final RedistributionPolicy policy;

    public Reports(JdbcTemplate jdbc, RedistributionPolicy policy) {
        this.jdbc = jdbc;
        this.policy = policy;
    }

    /** IDs of one basis granted to a recipient: counts per kind, and how many shares. */
    public record GrantedIds(long postIds, long userIds, long directMessageIds, long shares) {
    }

    public record ExportedObjects(long postObjects, long userObjects, long exports) {
    }

    /** What one recipient received and was refused over the days of a report. */
    public record RecipientUsage(String recipientId,
                                 Map<String, GrantedIds> idsGrantedByBasis,
                                 ExportedObjects objectsExported,
                                 Map<String, Long> shareDenialsByReason,
                                 Map<String, Long> objectExportDenialsByReason) {
    }

    /** Usage per recipient on the calendar days from {@code from} to {@code to}, both included. */
    public List<RecipientUsage> usage(LocalDate from, LocalDate to) {
        Map<String, Map<String, GrantedIds>> granted = new TreeMap<>();
        jdbc.query("""
                        SELECT recipient_id, basis, SUM(post_ids), SUM(user_ids), SUM(direct_message_ids), SUM(shares)
                        FROM usage_daily WHERE usage_day BETWEEN ? AND ? GROUP BY recipient_id, basis""",
                (RowCallbackHandler) row -> granted.computeIfAbsent(row.getString(1), id -> new TreeMap<>())
                        .put(row.getString(2), new GrantedIds(row.getLong(3), row.getLong(4), row.getLong(5),
                                row.getLong(6))), from, to);
        Map<String, ExportedObjects> objects = new HashMap<>();
        jdbc.query("""
                        SELECT recipient_id, SUM(post_objects), SUM(user_objects), SUM(exports)
                        FROM person_objects_daily WHERE usage_day BETWEEN ? AND ? AND recipient_id <> ?
                        GROUP BY recipient_id""",
                (RowCallbackHandler) row -> objects.put(row.getString(1),
                        new ExportedObjects(row.getLong(2), row.getLong(3), row.getLong(4))), from, to, NO_ENTITY);
        Map<String, Map<String, Long>> shareDenials = denials("share_denials_daily", from, to);
        Map<String, Map<String, Long>> exportDenials = denials("export_denials_daily", from, to);

        TreeMap<String, RecipientUsage> usage = new TreeMap<>();
        for (String recipientId : union(granted.keySet(), objects.keySet(), shareDenials.keySet(),
                exportDenials.keySet())) {
            usage.put(recipientId, new RecipientUsage(recipientId,
                    granted.getOrDefault(recipientId, Map.of()),
                    objects.getOrDefault(recipientId, new ExportedObjects(0, 0, 0)),
                    shareDenials.getOrDefault(recipientId, Map.of()),
                    exportDenials.getOrDefault(recipientId, Map.of())));
        }
        return List.copyOf(usage.values());
    }

    /**
     * A recipient's quota now, as the read models see it; null fields mean nothing counts. {@code reserved} is what
     * open reservations hold, in use as much as {@code used}.
     */
    public record QuotaNow(String recipientId, long limit, String limitSource, long used, long reserved,
                           long remaining, Instant nextReleaseAt, long nextReleaseAmount) {

        /** The share of the limit in use: used and reserved. */
        public double usedShare() {
            long inUse = used + reserved;
            return limit == 0 ? (inUse > 0 ? Double.POSITIVE_INFINITY : 0) : (double) inUse / limit;
        }
    }

    /** A reservation open at the report's instant: the IDs it holds, until when. */
    public record OpenReservation(String reservationId, String recipientId, String requestId, String personId,
                                  String basis, String basisId, long postIds, long userIds, long directMessageIds,
                                  Instant reservedAt, Instant expiresAt) {
    }

    /**
     * Recipients whose share of the limit in use (used and reserved) is at or above {@code threshold} at
     * {@code now}, highest first.
     */
    public List<QuotaNow> nearLimit(double threshold, Instant now) {
        return quotas(null, now).values().stream()
                .filter(quota -> quota.used() + quota.reserved() > 0 && quota.usedShare() >= threshold)
                .sorted(Comparator.comparingDouble(QuotaNow::usedShare).reversed()
                        .thenComparing(QuotaNow::recipientId))
                .toList();
    }

    /** Every registered recipient, by id. */
    public List<String> recipientIds() {
        return jdbc.queryForList("SELECT recipient_id FROM quota_recipient ORDER BY recipient_id", String.class);
    }

    /** One recipient's quota at {@code now}, as the read models see it. */
    public QuotaNow quotaOf(String recipientId, Instant now) {
        QuotaNow quota = quotas(recipientId, now).get(recipientId);
        if (quota != null) {
            return quota;
        }
        Map<String, Long> limits = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        limitsAt(now, limits, sources);
        long limit = limits.getOrDefault(recipientId, policy.rollingLimit());
        return new QuotaNow(recipientId, limit, sources.getOrDefault(recipientId, Quota.DEFAULT_LIMIT_SOURCE), 0, 0,
                limit, null, 0);
    }

    /** The reservations open at {@code now}, of every recipient, oldest first. */
    public List<OpenReservation> openReservations(Instant now) {
        Timestamp at = Timestamp.from(now);
        return jdbc.query("""
                        SELECT reservation_id, recipient_id, request_id, person_id, basis, basis_id, post_ids,
                               user_ids, direct_message_ids, reserved_at, expires_at
                        FROM reservation WHERE state = 'OPEN' AND reserved_at <= ? AND expires_at > ?
                        ORDER BY reserved_at, reservation_id""", (row, index) ->
                        new OpenReservation(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                                row.getString(5), row.getString(6), row.getLong(7), row.getLong(8), row.getLong(9),
                                instant(row, 10), instant(row, 11)),
                at, at);
    }

    /**
     * The reservations whose expiry has passed at {@code now} while the read model still has them open: the ones
     * whose expiry is still to be recorded, at most {@code limit}, the earliest first.
     */
    public List<String> expiredButOpen(Instant now, int limit) {
        return jdbc.queryForList("SELECT reservation_id FROM reservation WHERE state = 'OPEN' AND expires_at <= ? "
                + "ORDER BY expires_at FETCH FIRST " + limit + " ROWS ONLY", String.class, Timestamp.from(now));
    }

    /** Who accepts terms: a recipient entity, or a person on their own behalf. */
    public enum PartyKind {
        RECIPIENT,
        PERSON
    }

    /** A document accepted in a version older than the one in force at the report's instant. */
    public record OutdatedAcceptance(TermsDocument document, String acceptedVersion, String acceptedBy,
                                     String recordedBy, Instant acceptedAt, String currentVersion,
                                     Instant inForceSince) {
    }

    /** A recipient or person who must accept again, and which documents. */
    public record PartyToAcceptAgain(PartyKind kind, String id, List<OutdatedAcceptance> documents) {
    }

    /**
     * Every recipient and person whose latest acceptance of some document is older, at {@code at}, than the version
     * then in force, by kind and id. A person listed here may still receive objects while their entity's acceptance
     * is up to date.
     */
    public List<PartyToAcceptAgain> toAcceptAgain(TermsVersions versions, Instant at) {
        Map<List<String>, List<OutdatedAcceptance>> parties = new TreeMap<>(
                Comparator.<List<String>, String>comparing(key -> key.get(0)).thenComparing(key -> key.get(1)));
        for (TermsDocument document : TermsDocument.values()) {
            Optional<TermsVersion> inForce = versions.inForce(document, at);
            if (inForce.isEmpty()) {
                continue;
            }
            Set<String> upToDate = versions.upToDate(document, at);
            List<Object> arguments = new ArrayList<>(List.of(document.name()));
            arguments.addAll(upToDate);
            jdbc.query("SELECT party_kind, party_id, version, accepted_by, recorded_by, accepted_at"
                            + " FROM terms_acceptance"
                            + " WHERE document = ? AND version NOT IN ("
                            + String.join(", ", Collections.nCopies(upToDate.size(), "?")) + ")",
                    (RowCallbackHandler) row -> parties.computeIfAbsent(List.of(row.getString(1), row.getString(2)),
                            key -> new ArrayList<>()).add(new OutdatedAcceptance(document, row.getString(3),
                            row.getString(4), row.getString(5), instant(row, 6), inForce.get().version(),
                            inForce.get().effectiveFrom())),
                    arguments.toArray());
        }
        List<PartyToAcceptAgain> toAcceptAgain = new ArrayList<>();
        parties.forEach((key, documents) -> toAcceptAgain.add(
                new PartyToAcceptAgain(PartyKind.valueOf(key.get(0)), key.get(1), List.copyOf(documents))));
        return toAcceptAgain;
    }

    /**
     * One row of the exemption register: an approval, access or permission, with what was shared under it;
     * {@code grantedBy} is who granted it as the officer stated, {@code recordedBy} and {@code revokedBy} the callers
     * that recorded its grant and revocation.
     */
    public record ExemptionEntry(String recipientId, String kind, String exemptionId, String reference,
                                 String grantedBy, String recordedBy, Instant grantedAt, Instant validFrom,
                                 Instant validUntil, Instant revokedAt, String revokedBy, String institution,
                                 String purpose, Long approvedPostIds, Long approvedUserIds, Long postIdLimit,
                                 long usedPostIds, long usedUserIds, long usedDirectMessageIds, long sharesGranted) {
    }

    public List<ExemptionEntry> exemptions() {
        return jdbc.query("""
                SELECT recipient_id, kind, exemption_id, reference, granted_by, recorded_by, granted_at, valid_from,
                       valid_until, revoked_at, revoked_by, institution, purpose, approved_post_ids,
                       approved_user_ids, post_id_limit, used_post_ids, used_user_ids, used_direct_message_ids,
                       shares_granted
                FROM exemption_register ORDER BY recipient_id, kind, exemption_id""", (row, index) ->
                new ExemptionEntry(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6), instant(row, 7), instant(row, 8), instant(row, 9),
                        instant(row, 10), row.getString(11), row.getString(12), row.getString(13),
                        nullableLong(row, 14), nullableLong(row, 15), nullableLong(row, 16), row.getLong(17),
                        row.getLong(18), row.getLong(19), row.getLong(20)));
    }

    /**
     * Quotas at {@code now} of the recipients with shares inside their window (one recipient if
     * {@code recipientId} is given), computed from the shares the read model holds: the same rules as the
     * aggregate's, which the reconciliation compares.
     */
    private Map<String, QuotaNow> quotas(String recipientId, Instant now) {
        Instant windowStart = now.minus(policy.rollingWindow());
        Map<String, long[]> usedAndRelease = new LinkedHashMap<>();
        Map<String, Instant> releaseAt = new HashMap<>();
        String sql = "SELECT recipient_id, granted_at, post_ids, user_ids, direct_message_ids FROM quota_window_share "
                + "WHERE granted_at > ?" + (recipientId == null ? "" : " AND recipient_id = ?")
                + " ORDER BY recipient_id, granted_at";
        Object[] arguments = recipientId == null
                ? new Object[]{Timestamp.from(windowStart)}
                : new Object[]{Timestamp.from(windowStart), recipientId};
        jdbc.query(sql, (RowCallbackHandler) row -> {
            String id = row.getString(1);
            Instant grantedAt = instant(row, 2);
            long counted = new IdCounts(row.getLong(3), row.getLong(4), row.getLong(5))
                    .sumOf(policy.countedIdKinds());
            long[] totals = usedAndRelease.computeIfAbsent(id, key -> new long[2]);
            totals[0] += counted;
            if (counted > 0) {
                Instant release = grantedAt.plus(policy.rollingWindow());
                Instant first = releaseAt.putIfAbsent(id, release);
                if (first == null || first.equals(release)) {
                    totals[1] += counted;
                }
            }
        }, arguments);
        Map<String, Long> reserved = reservedAt(recipientId, now);
        reserved.keySet().forEach(id -> usedAndRelease.computeIfAbsent(id, key -> new long[2]));
        Map<String, Long> limits = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        limitsAt(now, limits, sources);
        Map<String, QuotaNow> quotas = new HashMap<>();
        usedAndRelease.forEach((id, totals) -> {
            long limit = limits.getOrDefault(id, policy.rollingLimit());
            long held = reserved.getOrDefault(id, 0L);
            quotas.put(id, new QuotaNow(id, limit, sources.getOrDefault(id, Quota.DEFAULT_LIMIT_SOURCE), totals[0],
                    held, Math.max(0, limit - totals[0] - held), releaseAt.get(id), totals[1]));
        });
        return quotas;
    }

    /**
     * The counted IDs that open reservations of standard shares hold at {@code now}, per recipient (of one, if
     * {@code recipientId} is given): the aggregate's rule, so that the reconciliation compares them.
     */
    private Map<String, Long> reservedAt(String recipientId, Instant now) {
        Map<String, Long> reserved = new HashMap<>();
        Timestamp at = Timestamp.from(now);
        String sql = "SELECT recipient_id, post_ids, user_ids, direct_message_ids FROM reservation "
                + "WHERE state = 'OPEN' AND basis = 'STANDARD' AND reserved_at <= ? AND expires_at > ?"
                + (recipientId == null ? "" : " AND recipient_id = ?");
        Object[] arguments = recipientId == null ? new Object[]{at, at} : new Object[]{at, at, recipientId};
        jdbc.query(sql, (RowCallbackHandler) row -> {
            long counted = new IdCounts(row.getLong(2), row.getLong(3), row.getLong(4)).sumOf(policy.countedIdKinds());
            if (counted > 0) {
                reserved.merge(row.getString(1), counted, Long::sum);
            }
        }, arguments);
        return reserved;
    }

    /** The limit in force at {@code now} per recipient with a valid written permission above the default. */
    private void limitsAt(Instant now, Map<String, Long> limits, Map<String, String> sources) {
        Timestamp at = Timestamp.from(now);
        jdbc.query("""
                        SELECT recipient_id, exemption_id, post_id_limit FROM exemption_register
                        WHERE kind = 'LIMIT_PERMISSION' AND valid_from <= ? AND valid_until > ?
                          AND (revoked_at IS NULL OR revoked_at > ?)
                        ORDER BY recipient_id, exemption_id""",
                (RowCallbackHandler) row -> {
                    String id = row.getString(1);
                    long limit = row.getLong(3);
                    if (limit > limits.getOrDefault(id, policy.rollingLimit())) {
                        limits.put(id, limit);
                        sources.put(id, row.getString(2));
                    }
                }, at, at, at);
    }

    private Map<String, Map<String, Long>> denials(String table, LocalDate from, LocalDate to) {
        Map<String, Map<String, Long>> denials = new HashMap<>();
        jdbc.query("SELECT recipient_id, reason, SUM(denials) FROM " + table
                        + " WHERE usage_day BETWEEN ? AND ? GROUP BY recipient_id, reason",
                (RowCallbackHandler) row -> denials.computeIfAbsent(row.getString(1), id -> new TreeMap<>())
                        .put(row.getString(2), row.getLong(3)), from, to);
        return denials;
    }

    @SafeVarargs
    private static List<String> union(Set<String>... sets) {
        TreeSet<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return new ArrayList<>(all);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}

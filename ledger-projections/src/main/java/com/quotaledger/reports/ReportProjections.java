package com.quotaledger.reports;

import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.AcademicApprovalGrantedEvent;
import com.quotaledger.exemption.api.DsaAccessGrantedEvent;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.audit.Actors;
import com.quotaledger.exemption.api.ExemptionRevokedEvent;
import org.axonframework.messaging.annotation.MetaDataValue;
import com.quotaledger.exemption.api.Grant;
import com.quotaledger.exemption.api.LimitPermissionGrantedEvent;
import com.quotaledger.exemption.api.Validity;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.person.api.PersonTermsAcceptedEvent;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.readmodels.ReadModels;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.RecipientRegisteredEvent;
import com.quotaledger.recipient.api.ReservationConfirmedEvent;
import com.quotaledger.recipient.api.ReservationDeniedEvent;
import com.quotaledger.recipient.api.ReservationExpiredEvent;
import com.quotaledger.recipient.api.ReservationGrantedEvent;
import com.quotaledger.recipient.api.ReservationState;
import com.quotaledger.recipient.api.ReservationVoidedEvent;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.recipient.api.TermsAcceptedEvent;
import com.quotaledger.terms.api.TermsDocument;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The report read models: usage by recipient and day, denials by reason, objects by person and day, the exemption
 * register, the quota (every recipient and the standard shares still inside some window), the terms each
 * recipient and person accepted last, and every reservation with its state. Counters and window
 * shares are collected over a batch of events and written at its end; registrations of recipients and exemptions,
 * which are rare and which the batch's counters may update, are written at once.
 */
@Component
@ProcessingGroup(ReadModels.PROCESSING_GROUP)
class ReportProjections {

    private final JdbcTemplate jdbc;
    private final ZoneId dayZone;

    ReportProjections(JdbcTemplate jdbc, ObjectExportPolicy objectExportPolicy) {
        this.jdbc = jdbc;
        this.dayZone = objectExportPolicy.dayZone();
    }

    @EventHandler
    void on(RecipientRegisteredEvent event) {
        jdbc.update("INSERT INTO quota_recipient (recipient_id, registered_at) VALUES (?, ?)", event.recipientId(),
                Timestamp.from(event.registeredAt()));
    }

    @EventHandler
    void on(TermsAcceptedEvent event, @MetaDataValue(Actors.ACTOR) String actor) {
        accept(Reports.PartyKind.RECIPIENT, event.recipientId(), event.documents(), event.acceptedBy(),
                event.acceptedAt(), actor);
    }

    @EventHandler
    void on(PersonTermsAcceptedEvent event, @MetaDataValue(Actors.ACTOR) String actor) {
        accept(Reports.PartyKind.PERSON, event.personId(), event.documents(), event.acceptedBy(), event.acceptedAt(),
                actor);
    }

    @EventHandler
    void on(ShareGrantedEvent event, EventMessage<?> message) {
        granted(event.request(), event.decidedAt(), event.quota(), message);
    }

    /** A confirmed reservation is a share granted at its confirmation, in every report. */
    @EventHandler
    void on(ReservationConfirmedEvent event, EventMessage<?> message) {
        granted(event.share(), event.decidedAt(), event.quota(), message);
        close(event.reservationId(), ReservationState.CONFIRMED, event.decidedAt(), event.shareId());
    }

    @EventHandler
    void on(ReservationGrantedEvent event) {
        ShareRequest share = event.request().share();
        ShareBasis basis = share.basis();
        jdbc.update("""
                        INSERT INTO reservation (reservation_id, recipient_id, request_id, person_id, basis, basis_id,
                            post_ids, user_ids, direct_message_ids, reserved_at, expires_at, state)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                event.reservationId(), share.recipientId(), share.requestId(), share.personId(), basis.type().name(),
                basis.approvalId() != null ? basis.approvalId() : basis.accessId(), share.ids().postIds(),
                share.ids().userIds(), share.ids().directMessageIds(), Timestamp.from(event.decidedAt()),
                Timestamp.from(event.expiresAt()), ReservationState.OPEN.name());
    }

    @EventHandler
    void on(ReservationDeniedEvent event) {
        count(SHARE_DENIALS, List.of(event.request().recipientId(), dayOf(event.decidedAt()),
                event.reason().name()), 1);
    }

    @EventHandler
    void on(ReservationVoidedEvent event) {
        close(event.reservationId(), ReservationState.VOIDED, event.decidedAt(), null);
    }

    @EventHandler
    void on(ReservationExpiredEvent event) {
        close(event.reservationId(), ReservationState.EXPIRED, event.expiresAt(), null);
    }

    private void close(String reservationId, ReservationState state, Instant closedAt, String shareId) {
        jdbc.update("UPDATE reservation SET state = ?, closed_at = ?, share_id = ? WHERE reservation_id = ?",
                state.name(), Timestamp.from(closedAt), shareId, reservationId);
    }

    private void granted(ShareRequest request, Instant decidedAt, Quota quota, EventMessage<?> message) {
        String recipientId = request.recipientId();
        ShareBasis basis = request.basis();
        IdCounts ids = request.ids();
        count(USAGE, List.of(recipientId, dayOf(decidedAt), basis.type().name()),
                ids.postIds(), ids.userIds(), ids.directMessageIds(), 1);
        switch (basis.type()) {
            case STANDARD -> {
                Instant cutoff = decidedAt.minus(quota.window());
                ReadModels.inBatch("window-shares", () -> new WindowShares(jdbc), shares -> shares.add(recipientId,
                        message.getIdentifier(), decidedAt, cutoff, ids));
                if (!Quota.DEFAULT_LIMIT_SOURCE.equals(quota.limitSource())) {
                    addExemptionUsage(recipientId, ExemptionKind.LIMIT_PERMISSION, quota.limitSource(), ids);
                }
            }
            case ACADEMIC_APPROVAL -> addExemptionUsage(recipientId, ExemptionKind.ACADEMIC_APPROVAL,
                    basis.approvalId(), ids);
            case DSA_ARTICLE_40 -> addExemptionUsage(recipientId, ExemptionKind.DSA_ARTICLE_40, basis.accessId(), ids);
        }
    }

    @EventHandler
    void on(ShareDeniedEvent event) {
        count(SHARE_DENIALS, List.of(event.request().recipientId(), dayOf(event.decidedAt()), event.reason().name()),
                1);
    }

    @EventHandler
    void on(ObjectExportGrantedEvent event) {
        count(PERSON_OBJECTS, List.of(event.request().personId(), event.objects().day(),
                        event.recipientId() == null ? Reports.NO_ENTITY : event.recipientId()),
                event.request().postObjectCount(), event.request().userObjectCount(), 1);
    }

    @EventHandler
    void on(ObjectExportDeniedEvent event) {
        if (event.recipientId() != null) {
            count(EXPORT_DENIALS, List.of(event.request().personId(), event.objects().day(), event.recipientId(),
                    event.reason().name()), 1);
        }
    }

    @EventHandler
    void on(AcademicApprovalGrantedEvent event, @MetaDataValue(Actors.ACTOR) String actor) {
        AcademicApproval approval = event.approval();
        register(event.recipientId(), ExemptionKind.ACADEMIC_APPROVAL, approval.approvalId(), approval.grant(),
                actor, approval.validity(), approval.institution(), approval.purpose().name(),
                approval.approvedPostIds(), approval.approvedUserIds(), null);
    }

    @EventHandler
    void on(DsaAccessGrantedEvent event, @MetaDataValue(Actors.ACTOR) String actor) {
        register(event.recipientId(), ExemptionKind.DSA_ARTICLE_40, event.access().accessId(), event.access().grant(),
                actor, event.access().validity(), null, null, null, null, null);
    }

    @EventHandler
    void on(LimitPermissionGrantedEvent event, @MetaDataValue(Actors.ACTOR) String actor) {
        register(event.recipientId(), ExemptionKind.LIMIT_PERMISSION, event.permission().permissionId(),
                event.permission().grant(), actor, event.permission().validity(), null, null, null, null,
                event.permission().postIdLimit());
    }

    @EventHandler
    void on(ExemptionRevokedEvent event, @MetaDataValue(Actors.ACTOR) String actor) {
        jdbc.update("UPDATE exemption_register SET revoked_at = ?, revoked_by = ? WHERE recipient_id = ? "
                        + "AND kind = ? AND exemption_id = ?", Timestamp.from(event.revokedAt()), actor,
                event.recipientId(), event.kind().name(), event.exemptionId());
    }

    @ResetHandler
    void onReset() {
        for (String table : new String[]{"usage_daily", "share_denials_daily", "export_denials_daily",
                "person_objects_daily",
                "exemption_register", "quota_window_share", "quota_recipient", "terms_acceptance", "reservation"}) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    /** The latest acceptance of each document replaces the one before. */
    private void accept(Reports.PartyKind kind, String partyId, Map<TermsDocument, String> documents,
                        String acceptedBy, Instant acceptedAt, String recordedBy) {
        documents.forEach((document, version) -> {
            jdbc.update("DELETE FROM terms_acceptance WHERE party_kind = ? AND party_id = ? AND document = ?",
                    kind.name(), partyId, document.name());
            jdbc.update("INSERT INTO terms_acceptance (party_kind, party_id, document, version, accepted_by, "
                            + "accepted_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    kind.name(), partyId, document.name(), version, acceptedBy, Timestamp.from(acceptedAt),
                    recordedBy);
        });
    }

    private void addExemptionUsage(String recipientId, ExemptionKind kind, String exemptionId, IdCounts ids) {
        count(EXEMPTION_USAGE, List.of(recipientId, kind.name(), exemptionId), ids.postIds(), ids.userIds(),
                ids.directMessageIds(), 1);
    }

    /** A table of counters: its name, the columns of its key and of its counters, and whether a batch makes rows. */
    private record Counters(String table, List<String> keyColumns, List<String> counterColumns,
                            boolean insertMissing) {
    }

    private static final Counters USAGE = new Counters("usage_daily", List.of("recipient_id", "usage_day", "basis"),
            List.of("post_ids", "user_ids", "direct_message_ids", "shares"), true);
    private static final Counters SHARE_DENIALS = new Counters("share_denials_daily",
            List.of("recipient_id", "usage_day", "reason"), List.of("denials"), true);
    private static final Counters PERSON_OBJECTS = new Counters("person_objects_daily",
            List.of("person_id", "usage_day", "recipient_id"), List.of("post_objects", "user_objects", "exports"),
            true);
    private static final Counters EXPORT_DENIALS = new Counters("export_denials_daily",
            List.of("person_id", "usage_day", "recipient_id", "reason"), List.of("denials"), true);
    /** Usage under an exemption adds to its row in the register, which its grant made. */
    private static final Counters EXEMPTION_USAGE = new Counters("exemption_register",
            List.of("recipient_id", "kind", "exemption_id"),
            List.of("used_post_ids", "used_user_ids", "used_direct_message_ids", "shares_granted"), false);

    private void count(Counters counters, List<Object> key, long... amounts) {
        ReadModels.inBatch(counters.table() + counters.counterColumns(), () -> new CounterBatch(jdbc,
                        counters.table(), counters.keyColumns(), counters.counterColumns(), counters.insertMissing()),
                batch -> batch.add(key, amounts));
    }

    /** A grant's row in the register; {@code recordedBy} is the caller that recorded it, beside who granted it. */
    private void register(String recipientId, ExemptionKind kind, String exemptionId, Grant grant, String recordedBy,
                          Validity validity, String institution, String purpose, Long approvedPostIds,
                          Long approvedUserIds, Long postIdLimit) {
        jdbc.update("""
                        INSERT INTO exemption_register (recipient_id, kind, exemption_id, reference, granted_by,
                            recorded_by, granted_at, valid_from, valid_until, revoked_at, institution, purpose,
                            approved_post_ids, approved_user_ids, post_id_limit, used_post_ids, used_user_ids,
                            used_direct_message_ids, shares_granted)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)""",
                recipientId, kind.name(), exemptionId, grant.writtenReference(), grant.grantedBy(), recordedBy,
                Timestamp.from(grant.grantedAt()), Timestamp.from(validity.validFrom()),
                Timestamp.from(validity.validUntil()),
                validity.revokedAt() == null ? null : Timestamp.from(validity.revokedAt()), institution, purpose,
                approvedPostIds, approvedUserIds, postIdLimit);
    }

    private LocalDate dayOf(Instant instant) {
        return instant.atZone(dayZone).toLocalDate();
    }
}

package com.quotaledger.reports;

import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.AcademicApprovalGrantedEvent;
import com.quotaledger.exemption.api.DsaAccessGrantedEvent;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.exemption.api.ExemptionRevokedEvent;
import com.quotaledger.exemption.api.Grant;
import com.quotaledger.exemption.api.LimitPermissionGrantedEvent;
import com.quotaledger.exemption.api.Validity;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.RecipientRegisteredEvent;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
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

import static com.quotaledger.reports.Counters.columns;
import static com.quotaledger.reports.Counters.increments;

/**
 * The report read models, moved by one processor so that they always stand at the same position: usage by recipient
 * and day, denials by reason, objects by person and day, the exemption register, and the quota (every recipient and
 * the standard shares still inside some window).
 */
@Component
@ProcessingGroup(Reports.PROCESSING_GROUP)
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
    void on(ShareGrantedEvent event, EventMessage<?> message) {
        String recipientId = event.request().recipientId();
        ShareBasis basis = event.request().basis();
        IdCounts ids = event.request().ids();
        Counters.add(jdbc, "usage_daily",
                columns("recipient_id", recipientId, "usage_day", dayOf(event.decidedAt()), "basis", basis.type().name()),
                increments("post_ids", ids.postIds(), "user_ids", ids.userIds(),
                        "direct_message_ids", ids.directMessageIds(), "shares", 1));
        switch (basis.type()) {
            case STANDARD -> {
                rememberInWindow(event, message.getIdentifier());
                if (!Quota.DEFAULT_LIMIT_SOURCE.equals(event.quota().limitSource())) {
                    addExemptionUsage(recipientId, ExemptionKind.LIMIT_PERMISSION, event.quota().limitSource(), ids);
                }
            }
            case ACADEMIC_APPROVAL -> addExemptionUsage(recipientId, ExemptionKind.ACADEMIC_APPROVAL,
                    basis.approvalId(), ids);
            case DSA_ARTICLE_40 -> addExemptionUsage(recipientId, ExemptionKind.DSA_ARTICLE_40, basis.accessId(), ids);
        }
    }

    @EventHandler
    void on(ShareDeniedEvent event) {
        Counters.add(jdbc, "share_denials_daily",
                columns("recipient_id", event.request().recipientId(), "usage_day", dayOf(event.decidedAt()),
                        "reason", event.reason().name()),
                increments("denials", 1));
    }

    @EventHandler
    void on(ObjectExportGrantedEvent event) {
        Counters.add(jdbc, "person_objects_daily",
                columns("person_id", event.request().personId(), "usage_day", event.objects().day(),
                        "recipient_id", event.recipientId()),
                increments("post_objects", event.request().postObjectCount(),
                        "user_objects", event.request().userObjectCount(), "exports", 1));
    }

    @EventHandler
    void on(ObjectExportDeniedEvent event) {
        if (event.recipientId() != null) {
            Counters.add(jdbc, "export_denials_daily",
                    columns("person_id", event.request().personId(), "usage_day", event.objects().day(),
                            "recipient_id", event.recipientId(), "reason", event.reason().name()),
                    increments("denials", 1));
        }
    }

    @EventHandler
    void on(AcademicApprovalGrantedEvent event) {
        AcademicApproval approval = event.approval();
        register(event.recipientId(), ExemptionKind.ACADEMIC_APPROVAL, approval.approvalId(), approval.grant(),
                approval.validity(), approval.institution(), approval.purpose().name(), approval.approvedPostIds(),
                approval.approvedUserIds(), null);
    }

    @EventHandler
    void on(DsaAccessGrantedEvent event) {
        register(event.recipientId(), ExemptionKind.DSA_ARTICLE_40, event.access().accessId(), event.access().grant(),
                event.access().validity(), null, null, null, null, null);
    }

    @EventHandler
    void on(LimitPermissionGrantedEvent event) {
        register(event.recipientId(), ExemptionKind.LIMIT_PERMISSION, event.permission().permissionId(),
                event.permission().grant(), event.permission().validity(), null, null, null, null,
                event.permission().postIdLimit());
    }

    @EventHandler
    void on(ExemptionRevokedEvent event) {
        jdbc.update("UPDATE exemption_register SET revoked_at = ? WHERE recipient_id = ? AND kind = ? "
                        + "AND exemption_id = ?", Timestamp.from(event.revokedAt()), event.recipientId(),
                event.kind().name(), event.exemptionId());
    }

    @ResetHandler
    void onReset() {
        for (String table : new String[]{"usage_daily", "share_denials_daily", "export_denials_daily",
                "person_objects_daily",
                "exemption_register", "quota_window_share", "quota_recipient"}) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    /** Keeps the share while it may count, and forgets the recipient's shares that left the window. */
    private void rememberInWindow(ShareGrantedEvent event, String eventIdentifier) {
        String recipientId = event.request().recipientId();
        Instant leftBefore = event.decidedAt().minus(event.quota().window());
        jdbc.update("DELETE FROM quota_window_share WHERE recipient_id = ? AND granted_at <= ?", recipientId,
                Timestamp.from(leftBefore));
        IdCounts ids = event.request().ids();
        jdbc.update("INSERT INTO quota_window_share (recipient_id, event_identifier, granted_at, post_ids, user_ids, "
                        + "direct_message_ids) VALUES (?, ?, ?, ?, ?, ?)", recipientId, eventIdentifier,
                Timestamp.from(event.decidedAt()), ids.postIds(), ids.userIds(), ids.directMessageIds());
    }

    private void addExemptionUsage(String recipientId, ExemptionKind kind, String exemptionId, IdCounts ids) {
        jdbc.update("UPDATE exemption_register SET used_post_ids = used_post_ids + ?, used_user_ids = used_user_ids + ?, "
                        + "used_direct_message_ids = used_direct_message_ids + ?, shares_granted = shares_granted + 1 "
                        + "WHERE recipient_id = ? AND kind = ? AND exemption_id = ?", ids.postIds(), ids.userIds(),
                ids.directMessageIds(), recipientId, kind.name(), exemptionId);
    }

    private void register(String recipientId, ExemptionKind kind, String exemptionId, Grant grant, Validity validity,
                          String institution, String purpose, Long approvedPostIds, Long approvedUserIds,
                          Long postIdLimit) {
        jdbc.update("""
                        INSERT INTO exemption_register (recipient_id, kind, exemption_id, reference, granted_by,
                            granted_at, valid_from, valid_until, revoked_at, institution, purpose, approved_post_ids,
                            approved_user_ids, post_id_limit, used_post_ids, used_user_ids, used_direct_message_ids,
                            shares_granted)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0)""",
                recipientId, kind.name(), exemptionId, grant.writtenReference(), grant.grantedBy(),
                Timestamp.from(grant.grantedAt()), Timestamp.from(validity.validFrom()),
                Timestamp.from(validity.validUntil()),
                validity.revokedAt() == null ? null : Timestamp.from(validity.revokedAt()), institution, purpose,
                approvedPostIds, approvedUserIds, postIdLimit);
    }

    private LocalDate dayOf(Instant instant) {
        return instant.atZone(dayZone).toLocalDate();
    }
}

package com.quotaledger.audit;

import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.ReservationConfirmedEvent;
import com.quotaledger.recipient.api.ReservationDecision;
import com.quotaledger.recipient.api.ReservationDeniedEvent;
import com.quotaledger.recipient.api.ReservationExpiredEvent;
import com.quotaledger.recipient.api.ReservationGrantedEvent;
import com.quotaledger.recipient.api.ReservationVoidedEvent;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareRequest;

import java.time.Instant;
import java.util.List;

/**
 * One line of the decision log: a share or an object export, granted or denied, or a step of a reservation (reserved
 * or denied, confirmed, voided, expired), with what was asked, under which basis, why it was refused, the quota (or
 * the person's allowance) after it, who asked, and the reservation it is about.
 */
public record DecisionRow(long eventPosition,
                          String eventIdentifier,
                          String aggregateId,
                          long sequenceNumber,
                          String decisionType,
                          String decision,
                          String decisionId,
                          String requestId,
                          String recipientId,
                          String personId,
                          Instant decidedAt,
                          long postIds,
                          long userIds,
                          long directMessageIds,
                          long postObjects,
                          long userObjects,
                          String basis,
                          String basisId,
                          String reason,
                          Long quotaLimit,
                          Long quotaUsed,
                          Long quotaRemaining,
                          String limitSource,
                          Long objectsLimit,
                          Long objectsUsed,
                          String channel,
                          String exportFormat,
                          String purpose,
                          String actor,
                          String reservationId) {

    public static final String SHARE = "SHARE";
    public static final String OBJECT_EXPORT = "OBJECT_EXPORT";
    public static final String RESERVATION = "RESERVATION";
    public static final String GRANTED = "GRANTED";
    public static final String DENIED = "DENIED";
    public static final String RESERVED = "RESERVED";
    public static final String CONFIRMED = "CONFIRMED";
    public static final String VOIDED = "VOIDED";
    public static final String EXPIRED = "EXPIRED";
    /** Every decision a row may record, which the log may be filtered by. */
    public static final List<String> DECISIONS = List.of(GRANTED, DENIED, RESERVED, CONFIRMED, VOIDED, EXPIRED);

    /** Where a decision event is: its position in the store, its identity, and its place in its aggregate. */
    record EventPosition(long position, String eventIdentifier, String aggregateId, long sequenceNumber) {
    }

    static DecisionRow of(ShareDecision share, EventPosition at, String actor) {
        ShareBasis basis = share.request().basis();
        boolean granted = share instanceof ShareGrantedEvent;
        return new DecisionRow(at.position(), at.eventIdentifier(), at.aggregateId(), at.sequenceNumber(), SHARE,
                granted ? GRANTED : DENIED,
                granted ? ((ShareGrantedEvent) share).shareId() : null, share.requestId(),
                share.request().recipientId(), share.request().personId(), share.decidedAt(),
                share.request().ids().postIds(), share.request().ids().userIds(),
                share.request().ids().directMessageIds(), 0, 0, basis.type().name(),
                basis.approvalId() != null ? basis.approvalId() : basis.accessId(),
                share instanceof ShareDeniedEvent denied ? denied.reason().name() : null,
                share.quota().limit(), share.quota().used(), share.quota().remaining(), share.quota().limitSource(),
                null, null, null, null, share.request().purpose(), actor, null);
    }

    static DecisionRow of(ObjectExportDecision export, EventPosition at, String actor) {
        boolean granted = export instanceof ObjectExportGrantedEvent;
        return new DecisionRow(at.position(), at.eventIdentifier(), at.aggregateId(), at.sequenceNumber(),
                OBJECT_EXPORT, granted ? GRANTED : DENIED,
                granted ? ((ObjectExportGrantedEvent) export).exportId() : null, export.requestId(),
                export.recipientId(), export.request().personId(), export.decidedAt(), 0, 0, 0,
                export.request().postObjectCount(), export.request().userObjectCount(), null, null,
                export instanceof ObjectExportDeniedEvent denied ? denied.reason().name() : null,
                null, null, null, null, export.objects().limit(), export.objects().used(),
                export.request().channel().name(), export.request().format().name(), null, actor, null);
    }

    static DecisionRow of(ReservationDecision reservation, EventPosition at, String actor) {
        ShareRequest share = reservation.request().share();
        boolean granted = reservation instanceof ReservationGrantedEvent;
        String reservationId = granted ? ((ReservationGrantedEvent) reservation).reservationId() : null;
        return reservationRow(at, granted ? RESERVED : DENIED, reservationId, reservation.requestId(), share,
                share.ids(), reservation.decidedAt(),
                reservation instanceof ReservationDeniedEvent denied ? denied.reason().name() : null,
                reservation.quota(), actor, reservationId);
    }

    /** A confirmation, as the share it records: its shareId, what was delivered, the quota after it. */
    static DecisionRow of(ReservationConfirmedEvent confirmed, EventPosition at, String actor) {
        return reservationRow(at, CONFIRMED, confirmed.shareId(), confirmed.requestId(), confirmed.share(),
                confirmed.share().ids(), confirmed.decidedAt(), null, confirmed.quota(), actor,
                confirmed.reservationId());
    }

    /** A void, with what it released. */
    static DecisionRow of(ReservationVoidedEvent voided, EventPosition at, String actor) {
        return new DecisionRow(at.position(), at.eventIdentifier(), at.aggregateId(), at.sequenceNumber(),
                RESERVATION, VOIDED, voided.reservationId(), voided.requestId(), voided.request().recipientId(), null,
                voided.decidedAt(), voided.released().postIds(), voided.released().userIds(),
                voided.released().directMessageIds(), 0, 0, null, null, null, voided.quota().limit(),
                voided.quota().used(), voided.quota().remaining(), voided.quota().limitSource(), null, null, null,
                null, null, actor, voided.reservationId());
    }

    /** An expiry, at the instant the reservation expired, with what it released; it answers no request. */
    static DecisionRow of(ReservationExpiredEvent expired, EventPosition at, String actor) {
        return new DecisionRow(at.position(), at.eventIdentifier(), at.aggregateId(), at.sequenceNumber(),
                RESERVATION, EXPIRED, expired.reservationId(), null, expired.recipientId(), null,
                expired.expiresAt(), expired.released().postIds(), expired.released().userIds(),
                expired.released().directMessageIds(), 0, 0, null, null, null, null, null, null, null, null, null,
                null, null, null, actor, expired.reservationId());
    }

    private static DecisionRow reservationRow(EventPosition at, String decision, String decisionId, String requestId,
                                              ShareRequest share, IdCounts ids, Instant decidedAt, String reason,
                                              Quota quota, String actor, String reservationId) {
        ShareBasis basis = share.basis();
        return new DecisionRow(at.position(), at.eventIdentifier(), at.aggregateId(), at.sequenceNumber(),
                RESERVATION, decision, decisionId, requestId, share.recipientId(), share.personId(), decidedAt,
                ids.postIds(), ids.userIds(), ids.directMessageIds(), 0, 0, basis.type().name(),
                basis.approvalId() != null ? basis.approvalId() : basis.accessId(), reason, quota.limit(),
                quota.used(), quota.remaining(), quota.limitSource(), null, null, null, null, share.purpose(), actor,
                reservationId);
    }
}

package com.quotaledger.audit;

import com.quotaledger.person.api.ObjectExportDecision;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;

import java.time.Instant;

/**
 * One line of the decision log: a share or an object export, granted or denied, with what was asked, under which
 * basis, why it was refused, the quota (or the person's allowance) after it, and who asked.
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
                          String actor) {

    public static final String SHARE = "SHARE";
    public static final String OBJECT_EXPORT = "OBJECT_EXPORT";
    public static final String GRANTED = "GRANTED";
    public static final String DENIED = "DENIED";

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
                null, null, null, null, share.request().purpose(), actor);
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
                export.request().channel().name(), export.request().format().name(), null, actor);
    }
}

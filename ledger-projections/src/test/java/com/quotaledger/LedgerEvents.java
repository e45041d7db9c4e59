package com.quotaledger;

import com.quotaledger.audit.Actors;
import com.quotaledger.decision.DenialReason;
import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.AcademicApprovalGrantedEvent;
import com.quotaledger.exemption.api.DsaAccess;
import com.quotaledger.exemption.api.DsaAccessGrantedEvent;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.exemption.api.ExemptionRevokedEvent;
import com.quotaledger.exemption.api.Grant;
import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.exemption.api.LimitPermissionGrantedEvent;
import com.quotaledger.exemption.api.ResearchPurpose;
import com.quotaledger.exemption.api.Validity;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.person.api.DailyObjects;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.person.api.ExportFormat;
import com.quotaledger.person.api.ObjectExportDeniedEvent;
import com.quotaledger.person.api.ObjectExportGrantedEvent;
import com.quotaledger.person.api.ObjectExportRequest;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RecipientRegisteredEvent;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareRequest;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * The ledger's events as the event store hands them to a streaming processor: each with its aggregate, its sequence
 * number in that aggregate, its position in the store and the actor who caused it.
 */
public final class LedgerEvents {

    public static final Duration WINDOW = Duration.ofDays(30);
    public static final long DEFAULT_LIMIT = 1_500_000;
    public static final String ACTOR = "auditor@ledger.example";

    private final EventMessageHandler handler;
    private final Map<String, Long> sequences = new HashMap<>();
    private long position;

    private LedgerEvents(EventMessageHandler handler) {
        this.handler = handler;
    }

    /** Feeds events to {@code handler} in store order, as a processor would. */
    public static LedgerEvents feeding(EventMessageHandler handler) {
        return new LedgerEvents(handler);
    }

    /** Hands one event of {@code aggregateId} to the handler at the next position; returns that position. */
    public long publish(String aggregateId, Object event) throws Exception {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        long at = position++;
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>("Aggregate", aggregateId,
                sequence, event, MetaData.with(Actors.ACTOR, ACTOR));
        handler.handle(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(at), message));
        return at;
    }

    public long publishForRecipient(Object event) throws Exception {
        return publish(recipientOf(event), event);
    }

    private static String recipientOf(Object event) {
        if (event instanceof ShareGrantedEvent granted) {
            return granted.request().recipientId();
        }
        if (event instanceof ShareDeniedEvent denied) {
            return denied.request().recipientId();
        }
        if (event instanceof RecipientRegisteredEvent registered) {
            return registered.recipientId();
        }
        if (event instanceof LimitPermissionGrantedEvent permission) {
            return permission.recipientId();
        }
        if (event instanceof AcademicApprovalGrantedEvent approval) {
            return approval.recipientId();
        }
        if (event instanceof DsaAccessGrantedEvent access) {
            return access.recipientId();
        }
        if (event instanceof ExemptionRevokedEvent revoked) {
            return revoked.recipientId();
        }
        if (event instanceof ObjectExportGrantedEvent export) {
            return PersonIds.aggregateId(export.request().personId());
        }
        if (event instanceof ObjectExportDeniedEvent export) {
            return PersonIds.aggregateId(export.request().personId());
        }
        throw new IllegalArgumentException("no aggregate known for " + event);
    }

    public static RecipientRegisteredEvent registered(String recipientId, Instant at) {
        return new RecipientRegisteredEvent(recipientId, "Entity " + recipientId, RecipientKind.COMPANY, at);
    }

    /** A standard share of Post IDs granted at {@code at}, with the quota after it. */
    public static ShareGrantedEvent granted(String requestId, String recipientId, long postIds, Instant at,
                                            long usedBefore) {
        return granted(new ShareRequest(requestId, recipientId, new IdCounts(postIds, 0, 0), "evaluation"), at,
                quota(DEFAULT_LIMIT, Quota.DEFAULT_LIMIT_SOURCE, usedBefore + postIds, at));
    }

    public static ShareGrantedEvent granted(ShareRequest request, Instant at, Quota quotaAfter) {
        return new ShareGrantedEvent(request, "share-" + request.requestId(), at, quotaAfter, null);
    }

    public static ShareRequest request(String requestId, String recipientId, String personId, IdCounts ids,
                                       ShareBasis basis) {
        return new ShareRequest(requestId, recipientId, personId, ids, basis, null);
    }

    public static ShareDeniedEvent denied(String requestId, String recipientId, long postIds, DenialReason reason,
                                          Instant at, long used) {
        return new ShareDeniedEvent(new ShareRequest(requestId, recipientId, new IdCounts(postIds, 0, 0), null),
                reason, at, null, quota(DEFAULT_LIMIT, Quota.DEFAULT_LIMIT_SOURCE, used, at), null);
    }

    public static Quota quota(long limit, String limitSource, long used, Instant asOf) {
        return new Quota(limit, limitSource, used, Math.max(0, limit - used), WINDOW, asOf.minus(WINDOW), asOf,
                used > 0 ? asOf.plus(WINDOW) : null, used);
    }

    public static ObjectExportRequest exportRequest(String requestId, String personId, long postObjects,
                                                    long userObjects, ExportChannel channel) {
        return new ObjectExportRequest(requestId, personId, postObjects, userObjects, channel, ExportFormat.CSV, true);
    }

    public static ObjectExportGrantedEvent exportGranted(String requestId, String personId, String recipientId,
                                                         long postObjects, long userObjects, Instant at,
                                                         long usedBefore) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        long used = usedBefore + postObjects + userObjects;
        return new ObjectExportGrantedEvent(
                exportRequest(requestId, personId, postObjects, userObjects, ExportChannel.MANUAL_DOWNLOAD),
                "export-" + requestId, recipientId, at, daily(used, day));
    }

    public static ObjectExportDeniedEvent exportDenied(String requestId, String personId, String recipientId,
                                                       long postObjects, ExportChannel channel, DenialReason reason,
                                                       Instant at, long used) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        return new ObjectExportDeniedEvent(exportRequest(requestId, personId, postObjects, 0, channel), recipientId,
                reason, at, null, daily(used, day));
    }

    private static DailyObjects daily(long used, LocalDate day) {
        return new DailyObjects(500, used, Math.max(0, 500 - used), day,
                day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    public static LimitPermissionGrantedEvent permission(String recipientId, String permissionId, long postIdLimit,
                                                         Instant from, Instant until, Instant grantedAt) {
        return new LimitPermissionGrantedEvent(recipientId, new LimitPermission(permissionId, postIdLimit,
                Validity.between(from, until), grant(grantedAt)));
    }

    public static AcademicApprovalGrantedEvent approval(String recipientId, String approvalId, long postIds,
                                                        long userIds, Instant from, Instant until,
                                                        Instant grantedAt) {
        return new AcademicApprovalGrantedEvent(recipientId, new AcademicApproval(approvalId, "University",
                ResearchPurpose.NON_COMMERCIAL_RESEARCH, postIds, userIds, 0, 0, Validity.between(from, until),
                grant(grantedAt)));
    }

    public static DsaAccessGrantedEvent dsaAccess(String recipientId, String accessId, Instant from, Instant until,
                                                  Instant grantedAt) {
        return new DsaAccessGrantedEvent(recipientId, new DsaAccess(accessId, Validity.between(from, until),
                grant(grantedAt)));
    }

    public static ExemptionRevokedEvent revoked(String recipientId, ExemptionKind kind, String exemptionId,
                                                Instant at) {
        return new ExemptionRevokedEvent(recipientId, kind, exemptionId, at);
    }

    private static Grant grant(Instant grantedAt) {
        return new Grant("X letter " + grantedAt, "officer@ledger.example", grantedAt);
    }
}

package com.quotaledger.audit;

import com.quotaledger.LedgerEvents;
import com.quotaledger.ReadModelDatabase;
import com.quotaledger.decision.DenialReason;
import com.quotaledger.person.api.ExportChannel;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.ShareBasis;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.LedgerEvents.ACTOR;
import static com.quotaledger.LedgerEvents.denied;
import static com.quotaledger.LedgerEvents.exportDenied;
import static com.quotaledger.LedgerEvents.exportGranted;
import static com.quotaledger.LedgerEvents.granted;
import static com.quotaledger.LedgerEvents.quota;
import static com.quotaledger.LedgerEvents.registered;
import static com.quotaledger.LedgerEvents.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Each share and export decision, granted or denied, becomes one row with what was asked and what was decided. */
class TheDecisionLogKeepsOneRowPerDecision {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final DecisionLog.Filter ALL = new DecisionLog.Filter(null, null, null, null, null, null);

    JdbcTemplate jdbc;
    DecisionLog log;
    AnnotationEventHandlerAdapter projection;
    LedgerEvents events;

    @BeforeEach
    void emptyLog() {
        jdbc = ReadModelDatabase.fresh();
        log = new DecisionLog(jdbc);
        projection = new AnnotationEventHandlerAdapter(new DecisionLogProjection(log));
        events = LedgerEvents.feeding(projection);
    }

    @Test
    void aGrantedShareIsARowWithTheQuotaAfterIt() throws Exception {
        events.publishForRecipient(registered("acme", T0));
        var share = granted(request("r-1", "acme", "p-1", new IdCounts(1_000, 20, 3), ShareBasis.STANDARD), T0,
                quota(2_000_000, "PERM-1", 1_000, T0));
        long position = events.publishForRecipient(share);

        DecisionRow row = single();
        assertThat(row.eventPosition()).isEqualTo(position);
        assertThat(row.aggregateId()).isEqualTo("acme");
        assertThat(row.sequenceNumber()).isEqualTo(1);
        assertThat(row.eventIdentifier()).isNotBlank();
        assertThat(row.decisionType()).isEqualTo(DecisionRow.SHARE);
        assertThat(row.decision()).isEqualTo(DecisionRow.GRANTED);
        assertThat(row.decisionId()).isEqualTo("share-r-1");
        assertThat(row.requestId()).isEqualTo("r-1");
        assertThat(row.recipientId()).isEqualTo("acme");
        assertThat(row.personId()).isEqualTo("p-1");
        assertThat(row.decidedAt()).isEqualTo(T0);
        assertThat(List.of(row.postIds(), row.userIds(), row.directMessageIds(), row.postObjects(),
                row.userObjects())).containsExactly(1_000L, 20L, 3L, 0L, 0L);
        assertThat(row.basis()).isEqualTo("STANDARD");
        assertThat(row.basisId()).isNull();
        assertThat(row.reason()).isNull();
        assertThat(List.of(row.quotaLimit(), row.quotaUsed(), row.quotaRemaining()))
                .containsExactly(2_000_000L, 1_000L, 1_999_000L);
        assertThat(row.limitSource()).isEqualTo("PERM-1");
        assertThat(row.objectsLimit()).isNull();
        assertThat(row.channel()).isNull();
        assertThat(row.actor()).isEqualTo(ACTOR);
    }

    @Test
    void aDeniedShareIsARowWithItsReasonAndNoDecisionId() throws Exception {
        events.publishForRecipient(denied("r-2", "acme", 600_000, DenialReason.ROLLING_LIMIT_EXCEEDED, T0,
                1_000_000));

        DecisionRow row = single();
        assertThat(row.decision()).isEqualTo(DecisionRow.DENIED);
        assertThat(row.reason()).isEqualTo("ROLLING_LIMIT_EXCEEDED");
        assertThat(row.decisionId()).isNull();
        assertThat(row.postIds()).isEqualTo(600_000);
        assertThat(List.of(row.quotaLimit(), row.quotaUsed(), row.quotaRemaining()))
                .containsExactly(1_500_000L, 1_000_000L, 500_000L);
        assertThat(row.limitSource()).isEqualTo(Quota.DEFAULT_LIMIT_SOURCE);
    }

    @Test
    void aShareUnderAnExemptionNamesItsBasis() throws Exception {
        events.publishForRecipient(granted(request("r-3", "uni", null, new IdCounts(10, 5, 0),
                ShareBasis.academicApproval("ACAD-1")), T0, quota(1_500_000, "DEFAULT", 0, T0)));
        events.publishForRecipient(granted(request("r-4", "uni", null, new IdCounts(10, 0, 0),
                ShareBasis.dsaAccess("DSA-1")), T0.plusSeconds(1), quota(1_500_000, "DEFAULT", 0, T0)));

        List<DecisionRow> rows = log.page(ALL, null, 10);
        assertThat(rows).extracting(DecisionRow::basis).containsExactly("ACADEMIC_APPROVAL", "DSA_ARTICLE_40");
        assertThat(rows).extracting(DecisionRow::basisId).containsExactly("ACAD-1", "DSA-1");
    }

    @Test
    void anExportIsARowOfThePersonWithTheDayAllowance() throws Exception {
        events.publishForRecipient(exportGranted("e-1", "p-1", "acme", 300, 100, T0, 0));
        events.publishForRecipient(exportDenied("e-2", "p-1", "acme", 5, ExportChannel.API,
                DenialReason.AUTOMATED_OBJECT_DELIVERY_FORBIDDEN, T0.plusSeconds(1), 400));

        List<DecisionRow> rows = log.page(ALL, null, 10);
        assertThat(rows).hasSize(2);
        DecisionRow grantedRow = rows.get(0);
        assertThat(grantedRow.aggregateId()).isEqualTo("person:p-1");
        assertThat(grantedRow.decisionType()).isEqualTo(DecisionRow.OBJECT_EXPORT);
        assertThat(grantedRow.decision()).isEqualTo(DecisionRow.GRANTED);
        assertThat(grantedRow.decisionId()).isEqualTo("export-e-1");
        assertThat(grantedRow.recipientId()).isEqualTo("acme");
        assertThat(grantedRow.personId()).isEqualTo("p-1");
        assertThat(List.of(grantedRow.postIds(), grantedRow.postObjects(), grantedRow.userObjects()))
                .containsExactly(0L, 300L, 100L);
        assertThat(List.of(grantedRow.objectsLimit(), grantedRow.objectsUsed())).containsExactly(500L, 400L);
        assertThat(grantedRow.channel()).isEqualTo("MANUAL_DOWNLOAD");
        assertThat(grantedRow.exportFormat()).isEqualTo("CSV");
        assertThat(grantedRow.quotaLimit()).isNull();
        assertThat(grantedRow.basis()).isNull();

        DecisionRow deniedRow = rows.get(1);
        assertThat(deniedRow.decision()).isEqualTo(DecisionRow.DENIED);
        assertThat(deniedRow.reason()).isEqualTo("AUTOMATED_OBJECT_DELIVERY_FORBIDDEN");
        assertThat(deniedRow.channel()).isEqualTo("API");
        assertThat(deniedRow.sequenceNumber()).isEqualTo(1);
    }

    @Test
    void eventsThatAreNotDecisionsLeaveNoRow() throws Exception {
        events.publishForRecipient(registered("acme", T0));
        events.publishForRecipient(LedgerEvents.permission("acme", "PERM-1", 2_000_000, T0, T0.plusSeconds(60), T0));

        assertThat(log.count(ALL)).isZero();
    }

    @Test
    void queriesFilterByRecipientPersonDecisionReasonAndAHalfOpenPeriod() throws Exception {
        events.publishForRecipient(granted("a-1", "acme", 10, T0, 0));
        events.publishForRecipient(denied("a-2", "acme", 10, DenialReason.TERMS_NOT_ACCEPTED, T0.plusSeconds(10), 0));
        events.publishForRecipient(granted("b-1", "beta", 10, T0.plusSeconds(20), 0));
        events.publishForRecipient(exportGranted("e-1", "p-1", "acme", 1, 0, T0.plusSeconds(30), 0));

        assertThat(requestIds(new DecisionLog.Filter("acme", null, null, null, null, null)))
                .containsExactly("a-1", "a-2", "e-1");
        assertThat(requestIds(new DecisionLog.Filter(null, "p-1", null, null, null, null))).containsExactly("e-1");
        assertThat(requestIds(new DecisionLog.Filter(null, null, "DENIED", null, null, null))).containsExactly("a-2");
        assertThat(requestIds(new DecisionLog.Filter("acme", null, "GRANTED", null, null, null)))
                .containsExactly("a-1", "e-1");
        assertThat(requestIds(new DecisionLog.Filter(null, null, null, "TERMS_NOT_ACCEPTED", null, null)))
                .containsExactly("a-2");
        assertThat(requestIds(new DecisionLog.Filter(null, null, "GRANTED", "TERMS_NOT_ACCEPTED", null, null)))
                .isEmpty();
        assertThat(requestIds(new DecisionLog.Filter(null, null, null, null, T0.plusSeconds(10), T0.plusSeconds(30))))
                .containsExactly("a-2", "b-1");
        assertThat(log.count(new DecisionLog.Filter(null, null, null, null, T0.plusSeconds(10), T0.plusSeconds(30))))
                .isEqualTo(2);
        assertThat(log.count(new DecisionLog.Filter("nobody", null, null, null, null, null))).isZero();
    }

    @Test
    void pagesAreOldestFirstOnTheLedgersClockNotInArrivalOrderEachAfterTheLastRowOfTheOneBefore() throws Exception {
        fourDecisionsArrivingOutOfOrder();

        List<DecisionRow> first = log.page(ALL, null, 2);
        assertThat(first).extracting(DecisionRow::requestId).containsExactly("early", "same-time");
        List<DecisionRow> second = log.page(ALL, DecisionLog.Cursor.after(first.get(1)), 2);
        assertThat(second).extracting(DecisionRow::requestId).containsExactly("late", "latest");
        assertThat(log.page(ALL, DecisionLog.Cursor.after(second.get(1)), 2)).isEmpty();
        assertThat(log.page(ALL, DecisionLog.Cursor.after(first.get(0)), 10)).extracting(DecisionRow::requestId)
                .as("after a row that shares its time with the next").containsExactly("same-time", "late", "latest");
        List<String> streamed = new ArrayList<>();
        log.forEach(ALL, row -> streamed.add(row.requestId()));
        assertThat(streamed).containsExactly("early", "same-time", "late", "latest");
    }

    @Test
    void pagesNewestFirstAreTheSameRowsTheOtherWayRound() throws Exception {
        fourDecisionsArrivingOutOfOrder();
        var newestFirst = DecisionLog.Order.NEWEST_FIRST;

        List<DecisionRow> first = log.page(ALL, newestFirst, null, 2);
        assertThat(first).extracting(DecisionRow::requestId).containsExactly("latest", "late");
        List<DecisionRow> second = log.page(ALL, newestFirst, DecisionLog.Cursor.after(first.get(1)), 2);
        assertThat(second).extracting(DecisionRow::requestId).containsExactly("same-time", "early");
        assertThat(log.page(ALL, newestFirst, DecisionLog.Cursor.after(second.get(1)), 2)).isEmpty();
        assertThat(log.page(ALL, newestFirst, DecisionLog.Cursor.after(second.get(0)), 10))
                .extracting(DecisionRow::requestId).as("after a row that shares its time with the next")
                .containsExactly("early");
        assertThat(log.page(new DecisionLog.Filter("acme", null, null, null, null, null), newestFirst, null, 10))
                .extracting(DecisionRow::requestId).containsExactly("latest", "early");
    }

    /** "late" arrives first; "early" and "same-time" share their instant. */
    private void fourDecisionsArrivingOutOfOrder() throws Exception {
        events.publishForRecipient(granted("late", "beta", 10, T0.plusSeconds(5), 0));
        events.publishForRecipient(granted("early", "acme", 10, T0, 0));
        events.publishForRecipient(granted("same-time", "gamma", 10, T0, 0));
        events.publishForRecipient(granted("latest", "acme", 10, T0.plusSeconds(9), 10));
    }

    /**
     * Two nodes commit at once: the event stored at 75 becomes visible after the one at 76. A tracking token tells the
     * highest position read, 76 for both, so each row takes its event's own position from the store.
     */
    @Test
    void anEventCommittedAfterAHigherOneKeepsItsOwnPosition() throws Exception {
        var first = new GenericDomainEventMessage<Object>("Recipient", "acme", 0, granted("early", "acme", 10, T0, 0),
                MetaData.with(Actors.ACTOR, ACTOR));
        var second = new GenericDomainEventMessage<Object>("Recipient", "beta", 0, granted("late", "beta", 10, T0, 0),
                MetaData.with(Actors.ACTOR, ACTOR));
        store(first, 75);
        store(second, 76);

        GapAwareTrackingToken afterSecond = GapAwareTrackingToken.newInstance(76, List.of(75L));
        projection.handle(new GenericTrackedDomainEventMessage<>(afterSecond, second));
        projection.handle(new GenericTrackedDomainEventMessage<>(afterSecond.advanceTo(75, 1_000), first));

        assertThat(log.page(ALL, null, 10)).extracting(DecisionRow::requestId, DecisionRow::eventPosition)
                .containsExactlyInAnyOrder(tuple("early", 75L), tuple("late", 76L));
    }

    private void store(DomainEventMessage<?> event, long position) {
        jdbc.update("""
                        INSERT INTO domain_event_entry (global_index, aggregate_identifier, sequence_number, type,
                            event_identifier, payload, payload_type, time_stamp) VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
                position, event.getAggregateIdentifier(), event.getSequenceNumber(), event.getType(),
                event.getIdentifier(), new byte[0], event.getPayloadType().getName(), T0.toString());
    }

    @Test
    void aResetEmptiesTheLogForTheReplay() throws Exception {
        events.publishForRecipient(granted("a-1", "acme", 10, T0, 0));
        assertThat(log.count(ALL)).isEqualTo(1);

        projection.prepareReset();

        assertThat(log.count(ALL)).isZero();
    }

    private DecisionRow single() {
        List<DecisionRow> rows = log.page(ALL, null, 10);
        assertThat(rows).hasSize(1);
        assertThat(log.count(ALL)).isEqualTo(1);
        return rows.get(0);
    }

    private List<String> requestIds(DecisionLog.Filter filter) {
        return log.page(filter, null, 100).stream().map(DecisionRow::requestId).toList();
    }
}

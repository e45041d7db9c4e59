package com.quotaledger.recipient;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.decision.DecisionChain;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.ledger.StorageSerializer;
import com.quotaledger.person.api.AffiliatePersonCommand;
import com.quotaledger.person.api.EndAffiliationCommand;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.terms.api.TermsDocument;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.quotaledger.recipient.ExemptionExamples.ACCESS_ID;
import static com.quotaledger.recipient.ExemptionExamples.APPROVAL_ID;
import static com.quotaledger.recipient.ExemptionExamples.grantAccess;
import static com.quotaledger.recipient.ExemptionExamples.grantApproval;
import static com.quotaledger.recipient.ExemptionExamples.grantPermission;
import static com.quotaledger.recipient.ExemptionExamples.revoke;
import static com.quotaledger.recipient.RecipientExamples.OTHER_PERSON_ID;
import static com.quotaledger.recipient.RecipientExamples.PERSON_ID;
import static com.quotaledger.recipient.RecipientExamples.RECIPIENT_ID;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.academicShare;
import static com.quotaledger.recipient.RecipientExamples.acceptTerms;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.dsaShare;
import static com.quotaledger.recipient.RecipientExamples.ids;
import static com.quotaledger.recipient.RecipientExamples.register;
import static com.quotaledger.recipient.RecipientExamples.share;
import static com.quotaledger.recipient.RecipientExamples.shareFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recipient holding persons, exemptions of every kind, draws on an approval and a revocation, restored from its
 * snapshot, describes itself and decides exactly like one rebuilt from its events, and chains its decisions on.
 */
class ASnapshotRestoresARecipientWithPersonsAndExemptions {

    private static final Instant FIRST = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant SECOND = REGISTERED_AT.plus(Duration.ofDays(2));
    private static final Instant UNTIL = REGISTERED_AT.plus(Duration.ofDays(20));

    private final MutableClock clock = MutableClock.at(REGISTERED_AT);
    private final InMemoryLedger snapshotted = new InMemoryLedger(clock, RedistributionPolicy.defaults());
    private final InMemoryLedger neverSnapshotted = new InMemoryLedger(clock, RedistributionPolicy.defaults());

    @AfterEach
    void closeLedgers() {
        snapshotted.close();
        neverSnapshotted.close();
    }

    @Test
    void theSnapshotHoldsPersonsExemptionsAndTheLastDecisionHash() throws Exception {
        givenARecipientWithPersonsAndExemptions();

        snapshotted.snapshotRecipient(RECIPIENT_ID);

        String json = snapshotted.storage().snapshotJson(RECIPIENT_ID).orElseThrow();
        JsonNode snapshot = StorageSerializer.mapper().readTree(json);
        assertThat(snapshot.path("persons").size()).as(json).isEqualTo(1);
        assertThat(snapshot.path("academicApprovals").path(APPROVAL_ID).path("usedPostIds").asLong()).as(json)
                .isEqualTo(600);
        assertThat(snapshot.path("dsaAccesses").path(ACCESS_ID).path("validity").path("revokedAt").asText())
                .as(json).isEqualTo(SECOND.toString());
        assertThat(snapshot.path("limitPermissions").size()).as(json).isEqualTo(2);
        assertThat(snapshot.path("lastDecisionHash").asText()).as(json).isEqualTo(lastDecisionHash(snapshotted));
        assertThat(snapshotted.storage().failures()).isEmpty();
    }

    @Test
    void aRestoredRecipientDescribesItselfAndDecidesLikeOneThatNeverWasSnapshotted() {
        givenARecipientWithPersonsAndExemptions();
        snapshotted.snapshotRecipient(RECIPIENT_ID);

        List<Instant> instants = List.of(SECOND.plusMillis(1), UNTIL.minusMillis(1), UNTIL, FIRST.plus(WINDOW),
                SECOND.plus(WINDOW));
        for (Instant at : instants) {
            clock.set(at);
            for (Object command : List.of(describe(), shareFor(PERSON_ID, 300_000), shareFor(OTHER_PERSON_ID, 1),
                    share(900_000), academicShare(APPROVAL_ID, ids(300, 10, 0)), academicShare(APPROVAL_ID,
                            ids(101, 0, 0)), dsaShare(ACCESS_ID, ids(5, 0, 0)), describe())) {
                snapshotted.forgetCachedAggregates();
                sendToBoth(command);
            }
        }

        assertThat(snapshotted.storage().snapshotsRead()).isPositive();
        assertThat(snapshotted.storage().failures()).isEmpty();
        assertThat(metadataOfEvents(snapshotted)).isEqualTo(metadataOfEvents(neverSnapshotted));
    }

    /** Exemptions are listed by id however the recipient was loaded, or two nodes would describe it differently. */
    @Test
    void anExemptionGrantedAfterARestoreIsListedInTheSameOrderAsWithoutTheRestore() {
        sendToBoth(register());
        clock.set(FIRST);
        sendToBoth(grantPermission("x-limit-b", 2_000_000, REGISTERED_AT, UNTIL));
        snapshotted.snapshotRecipient(RECIPIENT_ID);
        snapshotted.forgetCachedAggregates();

        sendToBoth(grantPermission("x-limit-a", 3_000_000, REGISTERED_AT, UNTIL));
        snapshotted.forgetCachedAggregates();

        RecipientView view = sendToBoth(describe());
        assertThat(view.exemptions().limitPermissions()).extracting(LimitPermission::permissionId)
                .containsExactly("x-limit-a", "x-limit-b");
        assertThat(snapshotted.storage().snapshotsRead()).isPositive();
    }

    /** The limit source is in each decision and in its hash: it must not depend on a snapshot having been taken. */
    @Test
    void ofTwoEqualPermissionsARestoredRecipientNamesTheSameSourceAsOneNeverRestored() {
        sendToBoth(register());
        sendToBoth(acceptTerms(TermsDocument.values()));
        clock.set(FIRST);
        sendToBoth(grantPermission("x-limit-b", 2_000_000, REGISTERED_AT, UNTIL));
        snapshotted.snapshotRecipient(RECIPIENT_ID);
        snapshotted.forgetCachedAggregates();
        sendToBoth(grantPermission("x-limit-a", 2_000_000, REGISTERED_AT, UNTIL));
        snapshotted.forgetCachedAggregates();

        ShareDecision decision = sendToBoth(share(1_800_000));

        assertThat(decision).isInstanceOf(ShareGrantedEvent.class);
        assertThat(snapshotted.storage().snapshotsRead()).isPositive();
    }

    private void givenARecipientWithPersonsAndExemptions() {
        sendToBoth(register());
        sendToBoth(acceptTerms(TermsDocument.values()));
        sendToBoth(new AffiliatePersonCommand(PERSON_ID, RECIPIENT_ID));
        sendToBoth(new AffiliatePersonCommand(OTHER_PERSON_ID, RECIPIENT_ID));
        clock.set(FIRST);
        sendToBoth(grantApproval(1_000, 50, REGISTERED_AT, UNTIL));
        sendToBoth(grantAccess(REGISTERED_AT, UNTIL));
        sendToBoth(grantPermission("x-limit-2025-003", 2_000_000, REGISTERED_AT, UNTIL));
        sendToBoth(grantPermission("x-limit-2025-001", 1_800_000, FIRST, UNTIL.plus(WINDOW)));
        sendToBoth(shareFor(PERSON_ID, 1_700_000));
        sendToBoth(academicShare(APPROVAL_ID, ids(600, 20, 0)));
        sendToBoth(dsaShare(ACCESS_ID, ids(10_000, 0, 3)));
        clock.set(SECOND);
        sendToBoth(new EndAffiliationCommand(OTHER_PERSON_ID, RECIPIENT_ID));
        sendToBoth(revoke(ExemptionKind.DSA_ARTICLE_40, ACCESS_ID));
        sendToBoth(share(200_000));
        sendToBoth(dsaShare(ACCESS_ID, ids(1, 0, 0)));
    }

    private <R> R sendToBoth(Object command) {
        R fromSnapshot = snapshotted.send(command);
        R fromEvents = neverSnapshotted.send(command);
        assertThat(fromSnapshot).as("%s at %s", command, clock.instant()).isEqualTo(fromEvents);
        return fromSnapshot;
    }

    private static String lastDecisionHash(InMemoryLedger ledger) {
        List<DomainEventMessage<?>> events = ledger.storage().events(RECIPIENT_ID);
        return events.stream().filter(event -> event.getMetaData().containsKey(DecisionChain.HASH))
                .reduce((first, second) -> second).orElseThrow().getMetaData().get(DecisionChain.HASH).toString();
    }

    private static List<Object> metadataOfEvents(InMemoryLedger ledger) {
        return ledger.storage().events(RECIPIENT_ID).stream().map(event -> (Object) event.getMetaData()).toList();
    }
}

package com.quotaledger.recipient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quotaledger.ledger.InMemoryLedger;
import com.quotaledger.ledger.MutableClock;
import com.quotaledger.ledger.StorageSerializer;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.terms.api.TermsInForce;
import com.quotaledger.terms.api.TermsVersions;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.messaging.annotation.MultiParameterResolverFactory;
import org.axonframework.messaging.annotation.SimpleResourceParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;

import static com.quotaledger.recipient.RecipientExamples.LIMIT;
import static com.quotaledger.recipient.RecipientExamples.RECIPIENT_ID;
import static com.quotaledger.recipient.RecipientExamples.REGISTERED_AT;
import static com.quotaledger.recipient.RecipientExamples.WINDOW;
import static com.quotaledger.recipient.RecipientExamples.acceptTerms;
import static com.quotaledger.recipient.RecipientExamples.describe;
import static com.quotaledger.recipient.RecipientExamples.history;
import static com.quotaledger.recipient.RecipientExamples.ids;
import static com.quotaledger.recipient.RecipientExamples.register;
import static com.quotaledger.recipient.RecipientExamples.share;
import static com.quotaledger.recipient.api.Quota.DEFAULT_LIMIT_SOURCE;
import static com.quotaledger.terms.api.TermsDocument.DEVELOPER_AGREEMENT;
import static com.quotaledger.terms.api.TermsDocument.DEVELOPER_POLICY;
import static com.quotaledger.terms.api.TermsDocument.PRIVACY_POLICY;
import static com.quotaledger.terms.api.TermsDocument.TERMS_OF_SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

class ASnapshotRestoresARecipientThatDecidesTheSame {

    private static final Instant FIRST = REGISTERED_AT.plus(Duration.ofHours(1));
    private static final Instant SECOND = REGISTERED_AT.plus(Duration.ofDays(2));

    private final MutableClock clock = MutableClock.at(REGISTERED_AT);
    private final RedistributionPolicy policy = RedistributionPolicy.defaults();
    private final Serializer serializer = StorageSerializer.create();
    private final InMemoryLedger snapshotted = new InMemoryLedger(clock, policy);
    private final InMemoryLedger neverSnapshotted = new InMemoryLedger(clock, policy);

    @AfterEach
    void closeLedgers() {
        snapshotted.close();
        neverSnapshotted.close();
    }

    @Test
    void theSnapshotHoldsTheRecipientsStateAsJson() throws Exception {
        sendToBoth(register());
        sendToBoth(acceptTerms(TERMS_OF_SERVICE, PRIVACY_POLICY, DEVELOPER_AGREEMENT, DEVELOPER_POLICY));
        clock.set(FIRST);
        sendToBoth(share(ids(1_000_000, 5, 0)));
        sendToBoth(share(ids(400_000, 0, 9)));
        clock.set(SECOND);
        sendToBoth(share(200_000));

        snapshotted.snapshotRecipient(RECIPIENT_ID);

        String json = snapshotted.storage().snapshotJson(RECIPIENT_ID).orElseThrow();
        JsonNode snapshot = StorageSerializer.mapper().readTree(json);
        assertThat(snapshot.path("recipientId").asText()).as(json).isEqualTo(RECIPIENT_ID);
        assertThat(snapshot.path("acceptedTerms").size()).as(json).isEqualTo(4);
        assertThat(snapshot.path("lastEventAt").asText()).as(json).isEqualTo(SECOND.toString());
        assertThat(snapshot.path("window").path("compact").isTextual()).as(json).isTrue();
        RollingWindow window = StorageSerializer.mapper().treeToValue(snapshot.path("window"), RollingWindow.class);
        assertThat(window.entries()).as(json)
                .containsExactly(new RollingWindow.Entry(FIRST, ids(1_400_000, 5, 9)));
        assertThat(snapshotted.storage().failures()).isEmpty();
    }

    @Test
    void aRecipientRestoredFromItsSnapshotDecidesLikeOneThatNeverWas() {
        sendToBoth(register());
        sendToBoth(acceptTerms(TERMS_OF_SERVICE, PRIVACY_POLICY, DEVELOPER_AGREEMENT, DEVELOPER_POLICY));
        clock.set(FIRST);
        sendToBoth(share(ids(1_000_000, 5, 0)));
        sendToBoth(share(ids(400_000, 0, 9)));
        clock.set(SECOND);
        sendToBoth(share(ids(0, 3, 0)));

        snapshotted.snapshotRecipient(RECIPIENT_ID);

        List<Instant> instants = List.of(SECOND.plusMillis(1), FIRST.plus(WINDOW).minusMillis(1), FIRST.plus(WINDOW),
                SECOND.plus(WINDOW), SECOND.plus(WINDOW).plus(WINDOW));
        for (Instant at : instants) {
            snapshotted.forgetCachedAggregates();
            clock.set(at);
            ShareDecision decision = sendToBoth(share(150_000));
            RecipientView view = sendToBoth(describe());
            assertThat(decision.decidedAt()).isEqualTo(at);
            assertThat(view.asOf()).isEqualTo(at);
        }
        assertThat(snapshotted.storage().snapshotsRead()).isPositive();
        assertThat(snapshotted.storage().failures()).isEmpty();
    }

    @Test
    void aRestoredRecipientKeepsTheTimeOfItsLastEvent() {
        sendToBoth(register());
        sendToBoth(acceptTerms(TERMS_OF_SERVICE, PRIVACY_POLICY, DEVELOPER_AGREEMENT, DEVELOPER_POLICY));
        clock.set(SECOND);
        sendToBoth(share(LIMIT));
        sendToBoth(share(1));

        snapshotted.snapshotRecipient(RECIPIENT_ID);
        snapshotted.forgetCachedAggregates();
        clock.set(FIRST);

        ShareDecision decision = sendToBoth(share(1));
        assertThat(decision.decidedAt()).isEqualTo(SECOND);
        assertThat(snapshotted.storage().snapshotsRead()).isPositive();
    }

    @Test
    void theRecipientSurvivesTheStorageSerializerAndDecidesTheSame() throws Exception {
        clock.set(SECOND.plus(Duration.ofDays(1)));
        List<Object> events = history().granted(FIRST, ids(1_000_000, 5, 0)).granted(FIRST, ids(400_000, 0, 9))
                .granted(SECOND, ids(0, 7, 0)).denied(SECOND, 200_000).events();

        SerializedObject<String> json = serializer.serialize(replay(events), String.class);

        assertThat(json.getData()).isNotEqualTo("{}");
        for (Object command : List.of(share(50_000), share(100_001), share(LIMIT + 1), describe())) {
            Object fromEvents = handle(replay(events), command);
            Object fromJson = handle(serializer.deserialize(json), command);
            assertThat(fromJson).as("%s after restoring %s", command, json.getData()).isEqualTo(fromEvents);
        }
    }

    @Test
    void aSnapshotWithTheWindowAsTheFormerListOfEntriesStillDecidesTheSame() throws Exception {
        clock.set(SECOND.plus(Duration.ofDays(1)));
        List<Object> events = history().granted(FIRST, ids(1_000_000, 5, 0)).granted(FIRST, ids(400_000, 0, 9))
                .granted(SECOND, ids(0, 7, 0)).denied(SECOND, 200_000).events();
        SerializedObject<String> json = serializer.serialize(replay(events), String.class);
        ObjectNode snapshot = (ObjectNode) StorageSerializer.mapper().readTree(json.getData());
        snapshot.set("window", StorageSerializer.mapper().readTree("""
                {"entries": [
                  {"grantedAt": "%s", "ids": {"postIds": 1000000, "userIds": 5, "directMessageIds": 0}},
                  {"grantedAt": "%s", "ids": {"postIds": 400000, "userIds": 0, "directMessageIds": 9}},
                  {"grantedAt": "%s", "ids": {"postIds": 0, "userIds": 7, "directMessageIds": 0}}
                ]}""".formatted(FIRST, FIRST, SECOND)));
        SerializedObject<String> former = new SimpleSerializedObject<>(snapshot.toString(), String.class,
                json.getType());

        for (Object command : List.of(share(50_000), share(100_001), share(LIMIT + 1), describe())) {
            Object fromEvents = handle(replay(events), command);
            Object fromFormer = handle(serializer.deserialize(former), command);
            assertThat(fromFormer).as("%s after restoring %s", command, snapshot).isEqualTo(fromEvents);
        }
    }

    @Test
    void theRollingWindowSurvivesTheStorageSerializer() {
        RollingWindow original = new RollingWindow();
        original.add(FIRST, ids(0, 10, 0));
        original.add(FIRST, ids(300, 0, 2));
        original.add(SECOND, ids(700, 1, 0));
        original.add(SECOND, ids(100, 0, 0));

        RollingWindow restored = serializer.deserialize(serializer.serialize(original, String.class));

        assertThat(restored.entries()).isEqualTo(original.entries()).containsExactly(
                new RollingWindow.Entry(FIRST, ids(300, 10, 2)), new RollingWindow.Entry(SECOND, ids(800, 1, 0)));
        IntStream.of(0, 1, 2, 3).mapToObj(days -> FIRST.plus(Duration.ofDays(days * 15L))).forEach(at -> {
            assertThat(restored.inWindow(at, WINDOW)).as("at %s", at).isEqualTo(original.inWindow(at, WINDOW));
            assertThat(restored.quota(at, WINDOW, 1_000, DEFAULT_LIMIT_SOURCE, policy.countedIdKinds()))
                    .as("at %s", at)
                    .isEqualTo(original.quota(at, WINDOW, 1_000, DEFAULT_LIMIT_SOURCE, policy.countedIdKinds()));
            assertThat(restored.fitsAt(at, WINDOW, 1_000, policy.countedIdKinds(), 500)).as("at %s", at)
                    .isEqualTo(original.fitsAt(at, WINDOW, 1_000, policy.countedIdKinds(), 500));
        });
    }

    private <R> R sendToBoth(Object command) {
        R fromSnapshot = snapshotted.send(command);
        R fromEvents = neverSnapshotted.send(command);
        assertThat(fromSnapshot).as("%s at %s", command, clock.instant()).isEqualTo(fromEvents);
        return fromSnapshot;
    }

    private RecipientEntity replay(List<Object> events) {
        EventSourcedAggregate<RecipientEntity> aggregate = aggregate(new RecipientEntity());
        aggregate.initializeState(DomainEventStream.of(IntStream.range(0, events.size())
                .mapToObj(sequence -> new GenericDomainEventMessage<>("RecipientEntity", RECIPIENT_ID, sequence,
                        events.get(sequence)))));
        return aggregate.getAggregateRoot();
    }

    private Object handle(RecipientEntity recipient, Object command) throws Exception {
        return aggregate(recipient).handle(GenericCommandMessage.asCommandMessage(command));
    }

    private EventSourcedAggregate<RecipientEntity> aggregate(RecipientEntity root) {
        AggregateModel<RecipientEntity> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(
                RecipientEntity.class, MultiParameterResolverFactory.ordered(
                        ClasspathParameterResolverFactory.forClass(RecipientEntity.class),
                        new SimpleResourceParameterResolverFactory(
                                List.of(clock, policy, (TermsInForce) TermsVersions::none))));
        return EventSourcedAggregate.initialize(root, model, null, NoSnapshotTriggerDefinition.TRIGGER);
    }
}

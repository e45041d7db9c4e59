package com.quotaledger.api.clock;

import com.quotaledger.api.security.CurrentActor;
import com.quotaledger.audit.Actors;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;

/**
 * Moves the test clock, each move stored first as a {@link TestClockAdvanced} event of its own stream with the actor
 * who made it, so that the audit trail shows every instant the ledger was told to skip, and by whom.
 */
@Component
@ConditionalOnProperty(name = "ledger.test-clock.enabled", havingValue = "true")
public class TestClockAdvances {

    /** The stream of the clock's moves: a recipient or person id can hold no ':' of its own, so none can be this. */
    public static final String STREAM = "clock:test";
    static final String STREAM_TYPE = "TestClock";

    private final TestClock clock;
    private final EventStore eventStore;
    private final CurrentActor actor;

    TestClockAdvances(TestClock clock, EventStore eventStore, CurrentActor actor) {
        this.clock = clock;
        this.eventStore = eventStore;
        this.actor = actor;
    }

    /** Stores the move and then makes it: a move that could not be stored is not made. */
    synchronized Instant advance(Duration duration) {
        Instant from = clock.instant();
        long sequence = eventStore.lastSequenceNumberFor(STREAM).map(last -> last + 1).orElse(0L);
        eventStore.publish(new GenericDomainEventMessage<>(STREAM_TYPE, STREAM, sequence,
                new TestClockAdvanced(from, from.plus(duration), duration), MetaData.with(Actors.ACTOR, actor.name())));
        return clock.advance(duration);
    }
}

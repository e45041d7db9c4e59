package com.quotaledger.api.clock;

import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.security.CurrentActor;
import com.quotaledger.audit.Actors;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /** How long an advance waits for the store to make it durable before it answers. */
    static final Duration DURABLE_TIMEOUT = Duration.ofSeconds(30);

    private final TestClock clock;
    private final EventStore eventStore;
    private final CurrentActor actor;
    private final GroupCommit commits;

    TestClockAdvances(TestClock clock, EventStore eventStore, CurrentActor actor, GroupCommit commits) {
        this.clock = clock;
        this.eventStore = eventStore;
        this.actor = actor;
        this.commits = commits;
    }

    /**
     * Stores the move and then makes it: a move that could not be stored is not made. It is answered once durable,
     * as a decision is, so that a process killed right after resumes where the answer said the clock stood.
     */
    synchronized Instant advance(Duration duration) {
        Instant from = clock.instant();
        long sequence = eventStore.lastSequenceNumberFor(STREAM).map(last -> last + 1).orElse(0L);
        eventStore.publish(new GenericDomainEventMessage<>(STREAM_TYPE, STREAM, sequence,
                new TestClockAdvanced(from, from.plus(duration), duration), MetaData.with(Actors.ACTOR, actor.name())));
        Instant advanced = clock.advance(duration);
        try {
            commits.whenDurable().get(DURABLE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the clock's move was made durable", interrupted);
        } catch (ExecutionException | TimeoutException notDurable) {
            throw new IllegalStateException("the clock's move could not be made durable", notDurable);
        }
        return advanced;
    }
}

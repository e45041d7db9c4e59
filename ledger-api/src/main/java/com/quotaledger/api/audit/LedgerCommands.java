package com.quotaledger.api.audit;

import com.quotaledger.audit.Actors;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.AnnotationCommandTargetResolver;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends a command on behalf of the current caller: its {@code actor} metadata is copied onto every event the command
 * causes, so every fact says who caused it.
 * <p>
 * Nodes lock an aggregate only within themselves; across nodes, the event store's unique (aggregate, sequence) key
 * decides. A command that loses that race was rolled back whole, and its node's cached copy of the aggregate was
 * evicted, so it is sent again and decided on fresh state. A creation lost to another node is tried once more: the
 * stream now exists, so the second attempt either finds it or fails as a duplicate.
 * <p>
 * Commands for one aggregate also queue here, one at a time on this node, before they reach Axon. Axon opens the
 * command's database transaction before it takes the aggregate's lock; without this queue, every request waiting for
 * a busy recipient would hold a pooled connection while it waits, and a burst on one recipient would starve every
 * other request of connections.
 */
@Component
public class LedgerCommands {

    /** Attempts for a command that keeps losing to other nodes; then the caller is asked to retry. */
    static final int MAX_ATTEMPTS = 10;
    private static final long MAX_PAUSE_MILLIS = 50;

    private static final int QUEUES = 1024;

    private final CommandGateway gateway;
    private final CurrentActor actor;
    private final CommandTargetResolver targets = AnnotationCommandTargetResolver.builder().build();
    private final ReentrantLock[] queues = new ReentrantLock[QUEUES];

    LedgerCommands(CommandGateway gateway, CurrentActor actor) {
        this.gateway = gateway;
        this.actor = actor;
        for (int i = 0; i < QUEUES; i++) {
            queues[i] = new ReentrantLock();
        }
    }

    public <R> R send(Object command) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(Actors.ACTOR, actor.name()));
        ReentrantLock queue = queueOf(message);
        if (queue == null) {
            return sendUntilDecided(message);
        }
        queue.lock();
        try {
            return sendUntilDecided(message);
        } finally {
            queue.unlock();
        }
    }

    /** The queue of the command's target aggregate; none for a command that names no single target. */
    private ReentrantLock queueOf(CommandMessage<?> message) {
        try {
            String target = targets.resolveTarget(message).getIdentifier();
            return queues[Math.floorMod(target.hashCode(), QUEUES)];
        } catch (IllegalArgumentException noSingleTarget) {
            return null;
        }
    }

    private <R> R sendUntilDecided(CommandMessage<Object> message) {
        boolean creationRetried = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.sendAndWait(message);
            } catch (ConcurrencyException lostToAnotherNode) {
                if (attempt == MAX_ATTEMPTS) {
                    throw lostToAnotherNode;
                }
            } catch (AggregateStreamCreationException createdByAnotherNode) {
                if (creationRetried) {
                    throw createdByAnotherNode;
                }
                creationRetried = true;
            }
            pauseBefore(attempt + 1);
        }
    }

    /** A random pause that grows with the attempts, so that two nodes that collided do not collide again in step. */
    private static void pauseBefore(int attempt) {
        long bound = Math.min(MAX_PAUSE_MILLIS, 1L << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a command", e);
        }
    }
}

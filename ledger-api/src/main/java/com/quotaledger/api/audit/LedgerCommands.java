package com.quotaledger.api.audit;

import com.quotaledger.audit.Actors;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends a command on behalf of the current caller: its {@code actor} metadata is copied onto every event the command
 * causes, so every fact says who caused it.
 * <p>
 * Nodes lock an aggregate only within themselves; across nodes, the event store's unique (aggregate, sequence) key
 * decides. A command that loses that race was rolled back whole, and its node's cached copy of the aggregate was
 * evicted, so it is sent again and decided on fresh state. A creation lost to another node is tried once more: the
 * stream now exists, so the second attempt either finds it or fails as a duplicate.
 * <p>
 * Every attempt runs in a {@link GroupCommit group} with the commands other callers sent meanwhile, and answers once
 * that group has committed.
 */
@Component
public class LedgerCommands {

    /** Attempts for a command that keeps losing to other nodes; then the caller is asked to retry. */
    static final int MAX_ATTEMPTS = 10;
    private static final long MAX_PAUSE_MILLIS = 50;

    private final CommandGateway gateway;
    private final CurrentActor actor;
    private final GroupCommit groupCommit;

    LedgerCommands(CommandGateway gateway, CurrentActor actor, GroupCommit groupCommit) {
        this.gateway = gateway;
        this.actor = actor;
        this.groupCommit = groupCommit;
    }

    public <R> R send(Object command) {
        CommandMessage<Object> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(Actors.ACTOR, actor.name()));
        boolean creationRetried = false;
        for (int attempt = 1; ; attempt++) {
            try {
                return groupCommit.run(() -> gateway.sendAndWait(message));
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

package com.quotaledger.api.commands;

import com.quotaledger.api.security.CurrentActor;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.audit.Actors;
import com.quotaledger.requests.RequestLog.LoggedRequest;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Sends commands on behalf of the current caller, each in the next {@link GroupCommit group}: its {@code actor}
 * metadata, taken from the caller's thread, is copied onto every event the command causes, so every fact says who
 * caused it. Commands that only read are asked on the caller's thread instead ({@link #ask}).
 */
@Component
public class LedgerCommands {

    private final CommandGateway gateway;
    private final CurrentActor actor;
    private final GroupCommit groupCommit;

    LedgerCommands(CommandGateway gateway, CurrentActor actor, GroupCommit groupCommit) {
        this.gateway = gateway;
        this.actor = actor;
        this.groupCommit = groupCommit;
    }

    /** Sends a command and answers what its handler answered, once it is committed. */
    public <R> R send(Object command) {
        CommandMessage<Object> message = asCurrentActor(command);
        return groupCommit.run(() -> gateway.sendAndWait(message));
    }

    /** Sends a command to an existing recipient: an unknown recipient is a 404, not an error. */
    public <R> R sendToRecipient(String recipientId, Object command) {
        try {
            return send(command);
        } catch (AggregateNotFoundException unknown) {
            throw ApiProblem.recipientNotFound(recipientId);
        }
    }

    /**
     * Asks a command that changes nothing (a description of a recipient or person) on the calling thread, outside any
     * group: it waits for no commit, only for its aggregate's lock. It sees every decision answered before it, as the
     * cached aggregate holds it (checked against the store where other nodes share it), and may see one whose group
     * is being committed at that moment.
     */
    public <R> R ask(Object command) {
        return gateway.sendAndWait(asCurrentActor(command));
    }

    /**
     * Sends a command that decides the request {@code requestId}, unless that request was decided before: then
     * answers what {@code recorded} makes of its recorded decision, and sends nothing. The command is in
     * {@code sequence} if not null; the answer completes once its group has committed.
     */
    public <R> CompletableFuture<R> submitDecision(String requestId, GroupCommit.Sequence sequence, Object command,
                                                   Function<LoggedRequest, R> recorded) {
        CommandMessage<Object> message = asCurrentActor(command);
        return groupCommit.submit(requestId, sequence, decidedBefore -> decidedBefore.map(recorded)
                .orElseGet(() -> gateway.sendAndWait(message)));
    }

    private CommandMessage<Object> asCurrentActor(Object command) {
        return GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of(Actors.ACTOR, actor.name()));
    }
}

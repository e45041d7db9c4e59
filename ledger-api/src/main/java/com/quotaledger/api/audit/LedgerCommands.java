package com.quotaledger.api.audit;

import com.quotaledger.audit.Actors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Sends a command on behalf of the current caller: its {@code actor} metadata is copied onto every event the command
 * causes, so every fact says who caused it.
 */
@Component
public class LedgerCommands {

    private final CommandGateway gateway;
    private final CurrentActor actor;

    LedgerCommands(CommandGateway gateway, CurrentActor actor) {
        this.gateway = gateway;
        this.actor = actor;
    }

    public <R> R send(Object command) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(Actors.ACTOR, actor.name())));
    }
}

package com.quotaledger.person.api;

import com.quotaledger.ids.PersonIds;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Reads a person's current state from its aggregate; changes nothing. */
public record DescribePersonCommand(String personId) {

    public DescribePersonCommand {
        PersonIds.requireValid(personId);
    }

    @TargetAggregateIdentifier
    public String aggregateId() {
        return PersonIds.aggregateId(personId);
    }
}

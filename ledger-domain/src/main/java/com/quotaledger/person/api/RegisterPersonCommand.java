package com.quotaledger.person.api;

import com.quotaledger.ids.PersonIds;

/** Makes a person known on their own, without an entity: someone who uses the service and may receive objects. */
public record RegisterPersonCommand(String personId) {

    public RegisterPersonCommand {
        PersonIds.requireValid(personId);
    }
}

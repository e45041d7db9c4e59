package com.quotaledger.person.api;

import com.quotaledger.ids.PersonIds;
import com.quotaledger.ids.RecipientIds;

/** Makes a person an individual associated with a recipient entity; a person is with at most one at a time. */
public record AffiliatePersonCommand(String personId, String recipientId) {

    public AffiliatePersonCommand {
        PersonIds.requireValid(personId);
        RecipientIds.requireValid(recipientId);
    }
}

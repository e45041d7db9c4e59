package com.quotaledger.person.api;

import com.quotaledger.recipient.api.RecipientIds;

/** Makes a person an individual associated with a recipient entity; a person is with at most one at a time. */
public record AffiliatePersonCommand(String personId, String recipientId) {

    public AffiliatePersonCommand {
        PersonIds.requireValid(personId);
        RecipientIds.requireValid(recipientId);
    }
}

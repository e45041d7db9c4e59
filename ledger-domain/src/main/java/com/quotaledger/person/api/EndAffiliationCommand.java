package com.quotaledger.person.api;

import com.quotaledger.ids.PersonIds;
import com.quotaledger.ids.RecipientIds;

public record EndAffiliationCommand(String personId, String recipientId) {

    public EndAffiliationCommand {
        PersonIds.requireValid(personId);
        RecipientIds.requireValid(recipientId);
    }
}

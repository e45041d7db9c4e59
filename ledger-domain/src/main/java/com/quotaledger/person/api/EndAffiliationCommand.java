package com.quotaledger.person.api;

import com.quotaledger.recipient.api.RecipientIds;

public record EndAffiliationCommand(String personId, String recipientId) {

    public EndAffiliationCommand {
        PersonIds.requireValid(personId);
        RecipientIds.requireValid(recipientId);
    }
}

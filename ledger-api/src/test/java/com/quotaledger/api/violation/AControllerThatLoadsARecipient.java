package com.quotaledger.api.violation;

import com.quotaledger.recipient.RecipientEntity;

/** A web class that reaches into the recipient aggregate instead of sending it a message, as no web class may. */
public class AControllerThatLoadsARecipient {
    RecipientEntity recipient;
}

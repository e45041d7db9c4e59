package com.quotaledger.recipient.api;

import com.quotaledger.decision.LedgerEvent;
import com.quotaledger.terms.api.TermsDocument;

import java.time.Instant;
import java.util.Map;

public record TermsAcceptedEvent(String recipientId,
                                 String acceptedBy,
                                 Map<TermsDocument, String> documents,
                                 Instant acceptedAt) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return acceptedAt;
    }
}

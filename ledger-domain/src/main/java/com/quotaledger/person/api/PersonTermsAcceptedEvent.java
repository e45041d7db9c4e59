package com.quotaledger.person.api;

import com.quotaledger.decision.LedgerEvent;
import com.quotaledger.terms.api.TermsDocument;

import java.time.Instant;
import java.util.Map;

public record PersonTermsAcceptedEvent(String personId, String acceptedBy, Map<TermsDocument, String> documents,
                                       Instant acceptedAt) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return acceptedAt;
    }
}

package com.quotaledger.terms.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

/** A version recorded for later was withdrawn before it took effect: it never will, as if never recorded. */
public record TermsVersionWithdrawnEvent(TermsDocument document, String version, String withdrawnBy,
                                         Instant withdrawnAt) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return withdrawnAt;
    }
}

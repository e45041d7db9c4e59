package com.quotaledger.terms.api;

import com.quotaledger.decision.LedgerEvent;

import java.time.Instant;

/**
 * X published a new version of a document: from {@code effectiveFrom} on, recipients and persons who accepted an
 * earlier version receive nothing until they accept this one (or a later one).
 */
public record TermsVersionPublishedEvent(TermsDocument document, String version, Instant effectiveFrom,
                                         String publishedBy, Instant publishedAt) implements LedgerEvent {

    @Override
    public Instant occurredAt() {
        return publishedAt;
    }

    public TermsVersion toVersion() {
        return new TermsVersion(document, version, effectiveFrom);
    }
}

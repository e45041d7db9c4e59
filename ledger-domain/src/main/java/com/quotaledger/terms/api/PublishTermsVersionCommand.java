package com.quotaledger.terms.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records that {@code version} of {@code document} takes effect at {@code effectiveFrom}. */
public record PublishTermsVersionCommand(@TargetAggregateIdentifier String catalogId,
                                         TermsDocument document,
                                         String version,
                                         Instant effectiveFrom,
                                         String publishedBy) {

    /**
     * The one catalog of the ledger is stored under this id, which no recipient id (no colon) and no person's
     * aggregate id ({@code person:} first) can equal.
     */
    public static final String CATALOG_ID = "terms:catalog";

    public PublishTermsVersionCommand(TermsDocument document, String version, Instant effectiveFrom,
                                      String publishedBy) {
        this(CATALOG_ID, document, version, effectiveFrom, publishedBy);
    }
}

package com.quotaledger.terms.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Withdraws a version recorded by mistake, before it takes effect. */
public record WithdrawTermsVersionCommand(@TargetAggregateIdentifier String catalogId,
                                          TermsDocument document,
                                          String version,
                                          String withdrawnBy) {

    public WithdrawTermsVersionCommand(TermsDocument document, String version, String withdrawnBy) {
        this(PublishTermsVersionCommand.CATALOG_ID, document, version, withdrawnBy);
    }
}

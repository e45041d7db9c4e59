package com.quotaledger.terms.api;

/**
 * Where a decision learns which versions of the terms documents are known: the configured ones and those recorded,
 * as recently as the ledger guarantees (see {@link com.quotaledger.policy.TermsPolicy#notice()}).
 */
@FunctionalInterface
public interface TermsInForce {

    TermsVersions versions();
}

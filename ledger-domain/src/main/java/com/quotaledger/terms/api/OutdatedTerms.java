package com.quotaledger.terms.api;

import java.time.Instant;

/** A document whose accepted version is older than the one in force: {@code current}, since {@code inForceSince}. */
public record OutdatedTerms(TermsDocument document, String acceptedVersion, String currentVersion,
                            Instant inForceSince) {
}

package com.quotaledger.terms.api;

import java.time.Instant;

/** One version of a document, in force from {@code effectiveFrom} until the next version of it takes effect. */
public record TermsVersion(TermsDocument document, String version, Instant effectiveFrom) {
}

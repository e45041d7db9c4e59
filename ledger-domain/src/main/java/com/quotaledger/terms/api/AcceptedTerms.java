package com.quotaledger.terms.api;

import java.time.Instant;

/** One accepted document: which version, who accepted it and when. */
public record AcceptedTerms(String version, String acceptedBy, Instant acceptedAt) {
}

package com.quotaledger.person.api;

import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.TermsDocument;

import java.time.Instant;
import java.util.Map;

/** A person as its own events describe it at {@code asOf}; {@code recipientId} is null when unaffiliated. */
public record PersonView(String personId,
                         String recipientId,
                         Map<TermsDocument, AcceptedTerms> acceptedTerms,
                         boolean termsAccepted,
                         Instant asOf,
                         DailyObjects objectsToday) {
}

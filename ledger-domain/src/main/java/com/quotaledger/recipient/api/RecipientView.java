package com.quotaledger.recipient.api;

import com.quotaledger.exemption.api.Exemptions;
import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.TermsDocument;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** A recipient as its own events describe it at {@code asOf}. */
public record RecipientView(String recipientId,
                            String name,
                            RecipientKind kind,
                            Instant registeredAt,
                            Map<TermsDocument, AcceptedTerms> acceptedTerms,
                            boolean termsAccepted,
                            Set<String> persons,
                            Instant asOf,
                            Quota postIds,
                            IdCounts idsInWindow,
                            Exemptions exemptions) {
}

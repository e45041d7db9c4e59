package com.quotaledger.recipient.api;

import java.time.Instant;
import java.util.Map;

/** A recipient as its own events describe it at {@code asOf}. */
public record RecipientView(String recipientId,
                            String name,
                            RecipientKind kind,
                            Instant registeredAt,
                            Map<TermsDocument, AcceptedTerms> acceptedTerms,
                            boolean termsAccepted,
                            Instant asOf,
                            Quota postIds,
                            IdCounts idsInWindow) {
}

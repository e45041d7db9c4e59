package com.quotaledger.recipient.api;

import java.time.Instant;
import java.util.Map;

public record TermsAcceptedEvent(String recipientId,
                                 String acceptedBy,
                                 Map<TermsDocument, String> documents,
                                 Instant acceptedAt) {
}

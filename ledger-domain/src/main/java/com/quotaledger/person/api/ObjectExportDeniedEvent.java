package com.quotaledger.person.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.quotaledger.decision.DenialReason;
import com.quotaledger.terms.api.OutdatedTerms;

import java.time.Instant;
import java.util.List;

/**
 * A refused export. {@code retryAt} is set when the same request would fit on a later day; {@code outdatedTerms}
 * names the documents of a {@link DenialReason#TERMS_OUTDATED} denial, and is empty otherwise (and left out of the
 * stored form then, so that decisions recorded before it existed keep their hashes).
 */
public record ObjectExportDeniedEvent(ObjectExportRequest request, String recipientId, DenialReason reason,
                                      Instant decidedAt, Instant retryAt, DailyObjects objects,
                                      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<OutdatedTerms> outdatedTerms)
        implements ObjectExportDecision {

    public ObjectExportDeniedEvent {
        outdatedTerms = outdatedTerms == null ? List.of() : List.copyOf(outdatedTerms);
    }

    public ObjectExportDeniedEvent(ObjectExportRequest request, String recipientId, DenialReason reason,
                                   Instant decidedAt, Instant retryAt, DailyObjects objects) {
        this(request, recipientId, reason, decidedAt, retryAt, objects, List.of());
    }
}

package com.quotaledger.recipient.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.quotaledger.decision.DenialReason;
import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.terms.api.OutdatedTerms;

import java.time.Instant;
import java.util.List;

/**
 * A refused share. {@code retryAt} is set when the same request would fit later (a rolling-limit denial);
 * {@code approval} is the academic approval named, as it stood, if the recipient has it; {@code outdatedTerms}
 * names the documents of a {@link DenialReason#TERMS_OUTDATED} denial, and is empty otherwise (and left out of the
 * stored form then, so that decisions recorded before it existed keep their hashes).
 */
public record ShareDeniedEvent(ShareRequest request, DenialReason reason, Instant decidedAt, Instant retryAt,
                               Quota quota, AcademicApproval approval,
                               @JsonInclude(JsonInclude.Include.NON_EMPTY) List<OutdatedTerms> outdatedTerms)
        implements ShareDecision {

    public ShareDeniedEvent {
        outdatedTerms = outdatedTerms == null ? List.of() : List.copyOf(outdatedTerms);
    }

    public ShareDeniedEvent(ShareRequest request, DenialReason reason, Instant decidedAt, Instant retryAt,
                            Quota quota, AcademicApproval approval) {
        this(request, reason, decidedAt, retryAt, quota, approval, List.of());
    }
}

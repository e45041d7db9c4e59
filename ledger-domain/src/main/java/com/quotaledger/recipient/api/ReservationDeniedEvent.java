package com.quotaledger.recipient.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.quotaledger.decision.DenialReason;
import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.terms.api.OutdatedTerms;

import java.time.Instant;
import java.util.List;

/** A refused reservation, with the reason, retry time and details a share denied for it would carry. */
public record ReservationDeniedEvent(ReservationRequest request, DenialReason reason, Instant decidedAt,
                                     Instant retryAt, Quota quota, AcademicApproval approval,
                                     @JsonInclude(JsonInclude.Include.NON_EMPTY) List<OutdatedTerms> outdatedTerms)
        implements ReservationDecision {

    public ReservationDeniedEvent {
        outdatedTerms = outdatedTerms == null ? List.of() : List.copyOf(outdatedTerms);
    }
}

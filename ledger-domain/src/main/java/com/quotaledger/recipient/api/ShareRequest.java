package com.quotaledger.recipient.api;

import com.quotaledger.decision.Fingerprint;
import com.quotaledger.decision.RequestIds;
import com.quotaledger.ids.PersonIds;
import com.quotaledger.ids.RecipientIds;

import java.util.Objects;

/**
 * What an export tool asks to hand over: counts of IDs for one recipient, under the client's idempotency key.
 * Decision events carry the request verbatim, so a repeated requestId can be compared with the original.
 */
public record ShareRequest(String requestId,
                           String recipientId,
                           String personId,
                           IdCounts ids,
                           ShareBasis basis,
                           String purpose) {

    public ShareRequest {
        RequestIds.requireValid(requestId);
        RecipientIds.requireValid(recipientId);
        if (personId != null) {
            PersonIds.requireValid(personId);
        }
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(basis, "basis");
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("a share names at least one ID");
        }
        for (IdKind kind : IdKind.values()) {
            if (ids.of(kind) > IdCounts.MAX_IDS_PER_REQUEST) {
                throw new IllegalArgumentException("at most " + IdCounts.MAX_IDS_PER_REQUEST + " IDs of one kind per request");
            }
        }
    }

    /** A share for the entity as a whole, naming no person. */
    public ShareRequest(String requestId, String recipientId, IdCounts ids, String purpose) {
        this(requestId, recipientId, null, ids, ShareBasis.STANDARD, purpose);
    }

    /** Equal for two requests exactly when everything but the requestId is equal. */
    public String contentFingerprint() {
        return Fingerprint.of("share", recipientId, personId, ids.postIds(), ids.userIds(), ids.directMessageIds(),
                basis.type(), basis.approvalId(), basis.accessId(), purpose);
    }
}

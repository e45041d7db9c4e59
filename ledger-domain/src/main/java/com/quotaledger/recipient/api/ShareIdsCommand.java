package com.quotaledger.recipient.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.Objects;

/**
 * Asks the recipient's ledger to decide a share. {@code shareId} names the share if it is granted; the caller
 * chooses it so that a retried command keeps its identity.
 */
public record ShareIdsCommand(ShareRequest request, String shareId) {

    public ShareIdsCommand {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(shareId, "shareId");
    }

    @TargetAggregateIdentifier
    public String recipientId() {
        return request.recipientId();
    }
}

package com.quotaledger.api.security;

import org.springframework.security.core.Authentication;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The recipients a caller may act for: every recipient, unless its token names some. An export service that serves
 * a few clients gets a token for those clients alone, so that a bug or a stolen token cannot reach the others.
 */
public final class RecipientScope {

    static final RecipientScope EVERY_RECIPIENT = new RecipientScope(null);

    /** The recipients named, or null for every recipient. */
    private final Set<String> recipients;

    private RecipientScope(Set<String> recipients) {
        this.recipients = recipients;
    }

    /** Only {@code recipients}: none at all if it is empty. */
    static RecipientScope only(Collection<String> recipients) {
        return new RecipientScope(Set.copyOf(recipients));
    }

    /** The scope an authenticated caller carries in its details; every recipient for a caller that carries none. */
    static RecipientScope of(Authentication caller) {
        return caller != null && caller.getDetails() instanceof RecipientScope scope ? scope : EVERY_RECIPIENT;
    }

    /** The recipients named, in order; empty for every recipient (see {@link #isLimited}). */
    List<String> named() {
        return recipients == null ? List.of() : new TreeSet<>(recipients).stream().toList();
    }

    boolean isLimited() {
        return recipients != null;
    }

    boolean allows(String recipientId) {
        return recipients == null || recipients.contains(recipientId);
    }

    @Override
    public String toString() {
        return recipients == null ? "every recipient" : new TreeSet<>(recipients).toString();
    }
}

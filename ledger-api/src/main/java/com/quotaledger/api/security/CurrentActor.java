package com.quotaledger.api.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Who is calling: the name recorded as the actor of every fact a request causes. That is the API token's name or the
 * JWT's subject; requests from Kafka are the bridge's.
 */
@Component
public class CurrentActor {

    /** Recorded when no caller is identified, which only a request that needs no authentication can be. */
    public static final String ANONYMOUS = "anonymous";

    /** Recorded for requests that came from Kafka. */
    public static final String KAFKA = "kafka";

    /**
     * The names the ledger gives actors of its own, which no configured token may take: the audit trail could not
     * tell that token's facts from theirs.
     */
    public static final Set<String> RESERVED_NAMES = Set.of(ANONYMOUS, KAFKA, ApiTokens.INITIAL_ADMIN);

    public String name() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            return ANONYMOUS;
        }
        return caller.getName();
    }
}

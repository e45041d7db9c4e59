package com.quotaledger.api.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who is calling: the name recorded as the actor of every fact a request causes. That is the API token's name or the
 * JWT's subject; requests from Kafka are the bridge's.
 */
@Component
public class CurrentActor {

    /** Recorded when no caller is identified, which only a request that needs no authentication can be. */
    public static final String ANONYMOUS = "anonymous";

    public String name() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            return ANONYMOUS;
        }
        return caller.getName();
    }
}

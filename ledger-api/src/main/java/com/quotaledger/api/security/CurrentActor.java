package com.quotaledger.api.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Who is calling: the name recorded as the actor of every fact a request causes, saying where the caller comes from:
 * {@code token:<name>} for an API token, {@code jwt:<issuer>#<subject>} for a JWT, whichever transport carried the
 * request. A JWT whose subject is {@code admin} is therefore never the administrator token in the audit trail.
 */
@Component
public class CurrentActor {

    public static final String API_TOKEN_PREFIX = "token:";
    public static final String JWT_PREFIX = "jwt:";
    /** The longest actor the read models keep. */
    public static final int MAX_LENGTH = 320;

    /** Recorded when no caller is identified, which only a request that needs no authentication can be. */
    public static final String ANONYMOUS = "anonymous";

    /** Recorded for requests that came from Kafka before they carried their producer's credential. */
    public static final String KAFKA = "kafka";

    /** Recorded for what the ledger records of its own accord, such as the expiry of a reservation. */
    public static final String LEDGER = "ledger";

    /**
     * The names the ledger gives actors of its own, which no configured token may take: the audit trail could not
     * tell that token's facts from theirs.
     */
    public static final Set<String> RESERVED_NAMES = Set.of(ANONYMOUS, KAFKA, LEDGER, ApiTokens.INITIAL_ADMIN);

    public String name() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || caller instanceof AnonymousAuthenticationToken || !caller.isAuthenticated()) {
            return ANONYMOUS;
        }
        return caller.getName();
    }
}

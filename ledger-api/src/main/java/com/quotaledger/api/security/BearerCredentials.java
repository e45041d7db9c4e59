package com.quotaledger.api.security;

import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.ProblemReason;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Authenticates and authorizes a request that comes by another way than HTTP, such as a Kafka record, exactly as the
 * security filters do an HTTP request to the same endpoint: the same API tokens and identity provider, the same roles
 * per endpoint ({@link EndpointAccess}), the same recipient scope, which the caller carries on to the decision.
 */
@Component
public class BearerCredentials {

    /** An RFC 6750 bearer credential, as an {@code Authorization} header carries it. */
    private static final Pattern BEARER = Pattern.compile("^Bearer ([A-Za-z0-9\\-._~+/]+=*)$",
            Pattern.CASE_INSENSITIVE);

    private final AuthenticationManager bearerTokens;

    BearerCredentials(AuthenticationManager bearerTokens) {
        this.bearerTokens = bearerTokens;
    }

    /**
     * The caller that {@code authorization} ({@code Bearer <token>}) identifies.
     *
     * @throws ApiProblem {@code UNAUTHENTICATED} if there is none or the ledger does not accept it;
     *                    {@code IDENTITY_PROVIDER_UNAVAILABLE} if it could be neither accepted nor refused just now
     */
    public Authentication authenticate(String authorization) {
        Matcher bearer = authorization == null ? null : BEARER.matcher(authorization.strip());
        if (bearer == null || !bearer.matches()) {
            throw new ApiProblem(ProblemReason.UNAUTHENTICATED,
                    "The request needs a bearer token: 'Authorization: Bearer <token>'.");
        }
        try {
            return bearerTokens.authenticate(new BearerTokenAuthenticationToken(bearer.group(1)));
        } catch (BearerAuthentication.IdentityProviderUnavailable unavailable) {
            throw new ApiProblem(ProblemReason.IDENTITY_PROVIDER_UNAVAILABLE,
                    "The ledger could not check the token with the identity provider just now.");
        } catch (AuthenticationException refused) {
            throw new ApiProblem(ProblemReason.UNAUTHENTICATED, "The bearer token is not one the ledger accepts.");
        }
    }

    /** @throws ApiProblem {@code FORBIDDEN} unless {@code caller}'s roles let it make the request */
    public void authorize(Authentication caller, HttpMethod method, String path) {
        if (!EndpointAccess.admits(Role.heldBy(caller), method, path)) {
            throw new ApiProblem(ProblemReason.FORBIDDEN, "The caller's roles do not allow this request.");
        }
    }
}

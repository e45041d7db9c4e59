package com.quotaledger.api.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** The two kinds of bearer token: the ledger's own API tokens, and JWTs from an identity provider. */
final class BearerAuthentication {

    private BearerAuthentication() {
    }

    /** The identity provider's keys could not be fetched: the token could be neither accepted nor refused. */
    static final class IdentityProviderUnavailable extends AuthenticationException {
        IdentityProviderUnavailable(Throwable cause) {
            super("the identity provider is unavailable", cause);
        }
    }

    /**
     * A JWT provider whose failures to reach the identity provider are told apart from a bad token, so that the
     * caller learns to try again rather than that its token is wrong.
     */
    static AuthenticationProvider reachable(AuthenticationProvider jwt) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication bearer) {
                try {
                    return jwt.authenticate(bearer);
                } catch (AuthenticationServiceException unreachable) {
                    throw new IdentityProviderUnavailable(unreachable);
                }
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return jwt.supports(authentication);
            }
        };
    }

    /** An API token, looked up by its hash; a token it does not know is left to the next provider. */
    static AuthenticationProvider apiTokens(ApiTokens tokens) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication bearer) {
                return tokens.caller(((BearerTokenAuthenticationToken) bearer).getToken())
                        .map(caller -> {
                            var authenticated = UsernamePasswordAuthenticationToken.authenticated(
                                    CurrentActor.API_TOKEN_PREFIX + caller.name(), null,
                                    caller.roles().stream().map(Role::authority).toList());
                            authenticated.setDetails(caller.scope());
                            return authenticated;
                        })
                        .orElse(null);
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
            }
        };
    }

    /**
     * A verified JWT: its issuer and subject are the caller, recorded as the actor {@code jwt:<issuer>#<subject>} so
     * that no JWT can pass for an API token or for a subject of another issuer; it must say when it expires (a JWT
     * without {@code exp} would be good for ever). Its roles come from the roles claim and the
     * recipients it may act for from the recipients claim, each a list or a space- or comma-separated string. Names
     * that are not roles grant nothing; only a JWT without the recipients claim may act for every recipient.
     */
    static Converter<Jwt, JwtAuthenticationToken> jwtCaller(LedgerSecurityProperties.Jwt claims) {
        return jwt -> {
            if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
                throw new InvalidBearerTokenException("The token names no subject.");
            }
            if (jwt.getExpiresAt() == null) {
                throw new InvalidBearerTokenException("The token does not say when it expires.");
            }
            String actor = CurrentActor.JWT_PREFIX + jwt.getIssuer() + "#" + jwt.getSubject();
            if (actor.length() > CurrentActor.MAX_LENGTH) {
                throw new InvalidBearerTokenException("The token's issuer and subject are too long to record.");
            }
            JwtAuthenticationToken caller = new JwtAuthenticationToken(jwt,
                    names(jwt.getClaim(claims.rolesClaim())).map(Role::named).flatMap(Optional::stream)
                            .map(Role::authority).distinct().toList(),
                    actor);
            Object recipients = jwt.getClaim(claims.recipientsClaim());
            // a claim that names no recipient (an empty list) allows none, not all
            caller.setDetails(recipients == null ? RecipientScope.EVERY_RECIPIENT
                    : RecipientScope.only(names(recipients).toList()));
            return caller;
        };
    }

    private static Stream<String> names(Object claim) {
        if (claim == null) {
            return Stream.empty();
        } else if (claim instanceof Collection<?> list) {
            return list.stream().filter(Objects::nonNull).map(Object::toString);
        }
        return Stream.of(claim.toString().split("[\\s,]+")).filter(name -> !name.isEmpty());
    }
}

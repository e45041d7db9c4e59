package com.quotaledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.ProblemReason;
import jakarta.servlet.DispatcherType;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every endpoint but health needs a bearer token: one of the ledger's API tokens or, when an identity provider is
 * configured, a JWT it signed. What each role may reach is set in one place, {@link EndpointAccess}; a token limited to
 * recipients reaches only theirs ({@link RecipientScopeFilter}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
@EnableConfigurationProperties(LedgerSecurityProperties.class)
class SecurityConfiguration {

    /** Health answers whoever asks, so a probe's stale token is not even looked at. */
    private static final RequestMatcher HEALTH = new OrRequestMatcher(
            PathPatternRequestMatcher.withDefaults().matcher("/actuator/health"),
            PathPatternRequestMatcher.withDefaults().matcher("/actuator/health/**"));
    private static final BearerTokenResolver BEARER = new DefaultBearerTokenResolver();

    private static final RequestMatcher CONSOLE = new OrRequestMatcher(Arrays.stream(EndpointAccess.CONSOLE_PATHS)
            .map(path -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(path)).toList());

    /**
     * The console runs its own scripts and the chart library's, from this server, and nothing else: no inline script
     * or style, no other origin, no frame around it. Its token stays in the tab that signed in, and is sent only to
     * this server's API.
     */
    static final String CONSOLE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, AuthenticationManager bearerTokens,
                                       RecipientAccess recipients, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, failure) -> {
            if (failure instanceof BearerAuthentication.IdentityProviderUnavailable) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "5");
                new ApiProblem(ProblemReason.IDENTITY_PROVIDER_UNAVAILABLE,
                        "The ledger could not check the token with the identity "
                        + "provider just now; nothing was done. Try again shortly.").writeTo(response, json);
                return;
            }
            boolean tokenGiven = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE,
                    tokenGiven ? "Bearer error=\"invalid_token\"" : "Bearer");
            new ApiProblem(ProblemReason.UNAUTHENTICATED, tokenGiven ? "The bearer token is not one the ledger accepts."
                            : "This endpoint needs a bearer token: 'Authorization: Bearer <token>'.")
                    .writeTo(response, json);
        };
        AccessDeniedHandler forbidden = (request, response, denied) ->
                new ApiProblem(ProblemReason.FORBIDDEN,
                        "The caller's roles do not allow this request.").writeTo(response, json);
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .headers(headers -> headers
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(CONSOLE,
                                new StaticHeadersWriter("Content-Security-Policy", CONSOLE_POLICY)))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                // a bearer token on every request: no session, no anonymous caller, no servlet-API wrapping to pay for
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .anonymous(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> {
                    // an error page renders a request already authorized, or refused, on its way in
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    for (EndpointAccess.Rule rule : EndpointAccess.RULES) {
                        var matched = rule.method() == null ? requests.requestMatchers(EndpointAccess.paths(rule))
                                : requests.requestMatchers(rule.method(), EndpointAccess.paths(rule));
                        switch (rule.callers()) {
                            case ANYONE -> matched.permitAll();
                            case ANY_AUTHENTICATED -> matched.authenticated();
                            case ROLES -> matched.hasAnyRole(EndpointAccess.roleNames(rule));
                        }
                    }
                    requests.anyRequest().hasRole(EndpointAccess.UNNAMED_PATHS.name());
                })
                .oauth2ResourceServer(bearer -> bearer
                        .bearerTokenResolver(request -> HEALTH.matches(request) ? null : BEARER.resolve(request))
                        .authenticationManagerResolver(request -> bearerTokens)
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(failures -> failures
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .addFilterAfter(new RecipientScopeFilter(recipients, json), AuthorizationFilter.class)
                .build();
    }

    /**
     * API tokens first; then, if an identity provider is configured, JWTs: only those it issued for this service,
     * so the start stops unless both the issuer and the audience are configured.
     */
    @Bean
    AuthenticationManager bearerTokens(ApiTokens tokens, ObjectProvider<JwtDecoder> jwtDecoder,
                                       LedgerSecurityProperties properties,
                                       OAuth2ResourceServerProperties resourceServer) {
        List<AuthenticationProvider> providers = new ArrayList<>(List.of(BearerAuthentication.apiTokens(tokens)));
        jwtDecoder.ifAvailable(decoder -> {
            OAuth2ResourceServerProperties.Jwt configured = resourceServer.getJwt();
            if (configured.getIssuerUri() == null || configured.getIssuerUri().isBlank()
                    || configured.getAudiences().isEmpty()) {
                throw new IllegalStateException("An identity provider is configured, but JWTs would be accepted "
                        + "from any issuer or for any service: set both "
                        + "spring.security.oauth2.resourceserver.jwt.issuer-uri and "
                        + "spring.security.oauth2.resourceserver.jwt.audiences (the audience the identity provider "
                        + "puts in tokens for this ledger)");
            }
            JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(decoder);
            jwt.setJwtAuthenticationConverter(BearerAuthentication.jwtCaller(properties.jwt()));
            providers.add(BearerAuthentication.reachable(jwt));
        });
        return new ProviderManager(providers);
    }

    /**
     * No observation of the security filters: observing them wraps every filter of every request, and costs more than
     * the request's own metrics tell.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.fromHierarchy(Role.hierarchy());
    }
}

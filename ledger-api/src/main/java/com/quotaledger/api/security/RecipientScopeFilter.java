package com.quotaledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.ids.ReservationIds;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Holds a caller whose token is limited to recipients to those recipients, after its roles let it in: a path that
 * names a recipient or a person must name one of its recipients or a person with one; a request that names its
 * recipient in the body is left to the decision service ({@link RecipientAccess}); a request that reads or changes
 * what belongs to no recipient or to all of them (reports, the audit log, administration) is refused. A caller that
 * may act for every recipient passes untouched.
 */
final class RecipientScopeFilter extends OncePerRequestFilter {

    private static final List<PathPattern> RECIPIENT_PATHS = patterns("/api/v1/recipients/{recipientId}/**",
            "/api/v1/audit/recipients/{recipientId}/**");
    private static final List<PathPattern> PERSON_PATHS = patterns("/api/v1/persons/{personId}/**",
            "/api/v1/audit/persons/{personId}/**");
    /** A reservation's id names its recipient. */
    private static final List<PathPattern> RESERVATION_PATHS = patterns("/api/v1/reservations/{reservationId}/**");
    /** Requests that name their recipient, or their person, in the body. */
    private static final List<PathPattern> CHECKED_BY_THEIR_BODY = patterns("/api/v1/shares",
            "/api/v1/object-exports", "/api/v1/recipients", "/api/v1/reservations");
    /**
     * What is about no recipient's data: who the caller is, the terms in force, the API's description, the service's
     * health; and the console's static files.
     */
    private static final List<PathPattern> NOT_ABOUT_RECIPIENTS = patterns("/api/v1/me", "/api/v1/terms/versions",
            "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/actuator/**");
    private static final List<PathPattern> CONSOLE = patterns(EndpointAccess.CONSOLE_PATHS);

    private final RecipientAccess access;
    private final ObjectMapper json;

    RecipientScopeFilter(RecipientAccess access, ObjectMapper json) {
        this.access = access;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RecipientScope scope = RecipientScope.of(SecurityContextHolder.getContext().getAuthentication());
        if (scope.isLimited()) {
            try {
                check(request, scope);
            } catch (ApiProblem refused) {
                refused.writeTo(response, json);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void check(HttpServletRequest request, RecipientScope scope) {
        PathContainer path = PathContainer.parsePath(
                request.getRequestURI().substring(request.getContextPath().length()));
        HttpMethod method = HttpMethod.valueOf(request.getMethod());
        String recipientId = variable(RECIPIENT_PATHS, path, "recipientId");
        if (recipientId != null) {
            access.checkRecipient(recipientId);
            return;
        }
        String reservationId = variable(RESERVATION_PATHS, path, "reservationId");
        if (reservationId != null) {
            // an id of no recipient names nothing the caller could see; the endpoint refuses it as malformed
            if (ReservationIds.isValid(reservationId)) {
                access.checkRecipient(ReservationIds.recipientOf(reservationId));
            }
            return;
        }
        String personId = variable(PERSON_PATHS, path, "personId");
        if (personId != null) {
            access.checkPerson(personId);
            return;
        }
        boolean checkedByBody = method == HttpMethod.POST && matches(CHECKED_BY_THEIR_BODY, path);
        boolean aboutNoRecipient = method == HttpMethod.GET
                && (matches(NOT_ABOUT_RECIPIENTS, path) || matches(CONSOLE, path));
        if (!checkedByBody && !aboutNoRecipient) {
            throw RecipientAccess.forbidden(scope, "a request about every recipient or none");
        }
    }

    private static String variable(List<PathPattern> patterns, PathContainer path, String name) {
        for (PathPattern pattern : patterns) {
            PathPattern.PathMatchInfo matched = pattern.matchAndExtract(path);
            if (matched != null) {
                Map<String, String> variables = matched.getUriVariables();
                return variables.get(name);
            }
        }
        return null;
    }

    private static boolean matches(List<PathPattern> patterns, PathContainer path) {
        return patterns.stream().anyMatch(pattern -> pattern.matches(path));
    }

    private static List<PathPattern> patterns(String... paths) {
        return Stream.of(paths).map(PathPatternParser.defaultInstance::parse).toList();
    }
}

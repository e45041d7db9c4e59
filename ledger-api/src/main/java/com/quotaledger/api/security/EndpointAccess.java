package com.quotaledger.api.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static com.quotaledger.api.security.Role.ADMIN;
import static com.quotaledger.api.security.Role.AUDITOR;
import static com.quotaledger.api.security.Role.COMPLIANCE_OFFICER;
import static com.quotaledger.api.security.Role.EXPORTER;

/**
 * Who may call what, by method and path, in the order the rules are tried: the first rule that matches a request
 * decides it. A request no rule matches is for {@link #UNNAMED_PATHS} alone, so that an endpoint added without a rule
 * is closed to every other role rather than open to all. The security filters enforce this list and the OpenAPI
 * description shows it, so what the API says and what it does cannot differ.
 */
public final class EndpointAccess {

    /** Who a rule lets through. */
    public enum Callers {
        /** Anyone, with or without a token. */
        ANYONE,
        /** Any caller with a valid token, whatever its roles. */
        ANY_AUTHENTICATED,
        /** A caller with one of the rule's roles, or a role that includes one. */
        ROLES
    }

    /** One rule: requests with {@code method} (any, if null) to one of {@code paths} let {@code callers} through. */
    public record Rule(HttpMethod method, List<String> paths, Callers callers, Set<Role> roles) {

        static Rule anyone(String... paths) {
            return new Rule(null, List.of(paths), Callers.ANYONE, Set.of());
        }

        static Rule anyAuthenticated(HttpMethod method, String... paths) {
            return new Rule(method, List.of(paths), Callers.ANY_AUTHENTICATED, Set.of());
        }

        static Rule roles(HttpMethod method, Set<Role> roles, String... paths) {
            return new Rule(method, List.of(paths), Callers.ROLES, roles);
        }

        boolean matches(HttpMethod requested, PathContainer path) {
            return (method == null || method.equals(requested))
                    && paths.stream().map(PARSED::get).anyMatch(pattern -> pattern.matches(path));
        }
    }

    /**
     * Who may make a request that no rule names: the administrator, who may do everything, and hears the API's own
     * answer to it (such as 404 for a path that is not there, or 405 for a method a resource does not answer).
     */
    public static final Role UNNAMED_PATHS = ADMIN;

    /** The console's pages and scripts, and the WebJars they load: static files that hold no data. */
    static final String[] CONSOLE_PATHS = {"/console", "/console/**", "/webjars/**"};

    static final List<Rule> RULES = List.of(
            // health answers whoever asks, so that a probe needs no token
            Rule.anyone("/actuator/health", "/actuator/health/**"),
            Rule.roles(null, Set.of(AUDITOR), "/actuator", "/actuator/**"),
            // the API's description, for whoever may call the API at all
            Rule.anyAuthenticated(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                    "/swagger-ui/**"),
            // who a token is, for whoever holds one
            Rule.anyAuthenticated(HttpMethod.GET, "/api/v1/me"),
            // the console's pages and scripts hold no data: they ask the API for it with the signed-in token
            Rule.anyone(CONSOLE_PATHS),
            Rule.roles(HttpMethod.POST, Set.of(EXPORTER), "/api/v1/shares", "/api/v1/object-exports",
                    "/api/v1/reservations", "/api/v1/reservations/*/confirm", "/api/v1/reservations/*/void"),
            Rule.roles(HttpMethod.GET, Set.of(EXPORTER, AUDITOR), "/api/v1/reservations/*"),
            // auditors read what they audit; they change nothing
            Rule.roles(HttpMethod.GET, Set.of(EXPORTER, AUDITOR), "/api/v1/recipients/*",
                    "/api/v1/recipients/*/quota", "/api/v1/recipients/*/usage-series", "/api/v1/recipients/*/releases",
                    "/api/v1/recipients/*/fit", "/api/v1/persons/*"),
            Rule.roles(null, Set.of(COMPLIANCE_OFFICER), "/api/v1/recipients", "/api/v1/recipients/**",
                    "/api/v1/persons", "/api/v1/persons/**"),
            Rule.roles(HttpMethod.GET, Set.of(EXPORTER, AUDITOR), "/api/v1/terms/versions"),
            Rule.roles(null, Set.of(COMPLIANCE_OFFICER), "/api/v1/terms/versions", "/api/v1/terms/versions/**"),
            Rule.roles(null, Set.of(AUDITOR), "/api/v1/audit/**", "/api/v1/reports/**"),
            Rule.roles(null, Set.of(ADMIN), "/api/v1/admin/**", "/api/v1/test-clock", "/api/v1/test-clock/**"));

    /** Every rule's paths, parsed once: a Kafka record asks {@link #admits} for each request it carries. */
    private static final Map<String, PathPattern> PARSED = RULES.stream().flatMap(rule -> rule.paths().stream())
            .distinct().collect(Collectors.toMap(path -> path, PathPatternParser.defaultInstance::parse));

    private EndpointAccess() {
    }

    /**
     * The rule that decides a request to a path template such as {@code /api/v1/recipients/{recipientId}}; empty if
     * none does, and only {@link #UNNAMED_PATHS} may make it.
     */
    public static Optional<Rule> ruleFor(HttpMethod method, String pathTemplate) {
        // a concrete path of the template's shape: one segment per variable, two for a rest-of-path capture
        String path = pathTemplate.replaceAll("\\{\\*[^}]+}", "x/y").replaceAll("\\{[^}]+}", "x");
        return ruleMatching(method, path);
    }

    private static Optional<Rule> ruleMatching(HttpMethod method, String path) {
        PathContainer parsed = PathContainer.parsePath(path);
        return RULES.stream().filter(rule -> rule.matches(method, parsed)).findFirst();
    }

    /**
     * Whether a caller that holds {@code roles} may make a request with {@code method} to {@code path}: what the
     * security filters decide for an HTTP request, for a request that comes another way.
     */
    static boolean admits(Set<Role> roles, HttpMethod method, String path) {
        Optional<Rule> rule = ruleMatching(method, path);
        if (rule.isEmpty()) {
            return roles.stream().anyMatch(UNNAMED_PATHS.andAbove()::contains);
        }
        return switch (rule.get().callers()) {
            case ANYONE, ANY_AUTHENTICATED -> true;
            case ROLES -> rule.get().roles().stream().anyMatch(needed -> roles.stream()
                    .anyMatch(needed.andAbove()::contains));
        };
    }

    static String[] roleNames(Rule rule) {
        return rule.roles().stream().map(Role::name).sorted().toArray(String[]::new);
    }

    static String[] paths(Rule rule) {
        return rule.paths().toArray(String[]::new);
    }
}

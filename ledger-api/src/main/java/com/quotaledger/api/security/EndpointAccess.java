package com.quotaledger.api.security;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.quotaledger.api.security.Role.ADMIN;
import static com.quotaledger.api.security.Role.AUDITOR;
import static com.quotaledger.api.security.Role.COMPLIANCE_OFFICER;
import static com.quotaledger.api.security.Role.EXPORTER;

/**
 * Who may call what, by method and path, in the order the rules are tried: the first rule that matches a request
 * decides it, and a request no rule matches is open to any authenticated caller. The security filters enforce this
 * list and the OpenAPI description shows it, so what the API says and what it does cannot differ.
 */
public final class EndpointAccess {

    /**
     * One rule: requests with {@code method} (any, if null) to one of {@code paths} need one of {@code roles}, or no
     * authentication at all if there are none.
     */
    public record Rule(HttpMethod method, List<String> paths, Set<Role> roles) {

        public boolean isPublic() {
            return roles.isEmpty();
        }

        boolean matches(HttpMethod requested, String path) {
            return (method == null || method.equals(requested)) && paths.stream()
                    .map(PathPatternParser.defaultInstance::parse)
                    .anyMatch(pattern -> pattern.matches(PathContainer.parsePath(path)));
        }
    }

    static final List<Rule> RULES = List.of(
            // health answers whoever asks, so that a probe needs no token
            new Rule(null, List.of("/actuator/health", "/actuator/health/**"), Set.of()),
            new Rule(null, List.of("/actuator/prometheus"), Set.of(AUDITOR)),
            new Rule(HttpMethod.POST, List.of("/api/v1/shares", "/api/v1/object-exports"), Set.of(EXPORTER)),
            new Rule(HttpMethod.GET, List.of("/api/v1/recipients/*", "/api/v1/recipients/*/quota",
                    "/api/v1/persons/*"), Set.of(EXPORTER)),
            new Rule(null, List.of("/api/v1/recipients", "/api/v1/recipients/**", "/api/v1/persons",
                    "/api/v1/persons/**"), Set.of(COMPLIANCE_OFFICER)),
            new Rule(HttpMethod.GET, List.of("/api/v1/terms/versions"), Set.of(EXPORTER, AUDITOR)),
            new Rule(null, List.of("/api/v1/terms/versions", "/api/v1/terms/versions/**"), Set.of(COMPLIANCE_OFFICER)),
            new Rule(null, List.of("/api/v1/audit/**", "/api/v1/reports/**"), Set.of(AUDITOR)),
            new Rule(null, List.of("/api/v1/admin/**", "/api/v1/test-clock", "/api/v1/test-clock/**"), Set.of(ADMIN)));

    private EndpointAccess() {
    }

    /**
     * The rule that decides a request to a path template such as {@code /api/v1/recipients/{recipientId}}; empty if
     * none does, and any authenticated caller may make it.
     */
    public static Optional<Rule> ruleFor(HttpMethod method, String pathTemplate) {
        // a concrete path of the template's shape: one segment per variable, two for a rest-of-path capture
        String path = pathTemplate.replaceAll("\\{\\*[^}]+}", "x/y").replaceAll("\\{[^}]+}", "x");
        return RULES.stream().filter(rule -> rule.matches(method, path)).findFirst();
    }

    static String[] roleNames(Rule rule) {
        return rule.roles().stream().map(Role::name).sorted().toArray(String[]::new);
    }

    static String[] paths(Rule rule) {
        return rule.paths().toArray(String[]::new);
    }
}

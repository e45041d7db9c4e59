package com.quotaledger.api.security;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.test.context.TestPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint × every kind of caller: without a token or with one the ledger does not know, 401; with a role that
 * may not, 403; with one that may, whatever the endpoint answers. A compliance officer may do what an exporter may,
 * and an administrator anything; an auditor reads recipients, quotas and persons but changes nothing; a path that no
 * rule names is refused to every role but the administrator's, who hears the API's own answer to it. A token limited to
 * recipients gets what its roles allow for a path of its recipient, and 403 {@code FORBIDDEN_RECIPIENT} for a request
 * about every recipient. Every fact records the name of the token that caused it. (Metrics are on, as in production;
 * Spring's tests turn them off by default.)
 */
@FreshLedger
@AutoConfigureObservability(tracing = false)
@TestPropertySource(properties = {
        "ledger.security.tokens[0].name=export-bot",
        "ledger.security.tokens[0].roles=EXPORTER",
        "ledger.security.tokens[0].sha256=" + EveryEndpointLetsInOnlyItsRoles.EXPORTER_SHA256,
        "ledger.security.tokens[1].name=officer-jane",
        "ledger.security.tokens[1].roles=compliance_officer",
        "ledger.security.tokens[1].sha256=" + EveryEndpointLetsInOnlyItsRoles.OFFICER_SHA256,
        "ledger.security.tokens[2].name=auditor-kim",
        "ledger.security.tokens[2].roles= AUDITOR ",
        "ledger.security.tokens[2].sha256=" + EveryEndpointLetsInOnlyItsRoles.AUDITOR_SHA256,
        "ledger.security.tokens[3].name=ops",
        "ledger.security.tokens[3].roles=ADMIN",
        "ledger.security.tokens[3].sha256=" + EveryEndpointLetsInOnlyItsRoles.ADMIN_SHA256,
        "ledger.security.tokens[4].name=matrix-export-bot",
        "ledger.security.tokens[4].roles=EXPORTER",
        "ledger.security.tokens[4].sha256=" + EveryEndpointLetsInOnlyItsRoles.MATRIX_EXPORTER_SHA256,
        "ledger.security.tokens[4].recipients=matrix",
        "ledger.security.tokens[5].name=matrix-auditor",
        "ledger.security.tokens[5].roles=AUDITOR",
        "ledger.security.tokens[5].sha256=" + EveryEndpointLetsInOnlyItsRoles.MATRIX_AUDITOR_SHA256,
        "ledger.security.tokens[5].recipients=matrix,other"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class EveryEndpointLetsInOnlyItsRoles {

    /** The SHA-256 of "exporter-secret", "officer-secret", "auditor-secret" and "admin-secret". */
    static final String EXPORTER_SHA256 = "7aeff88671739d5729c759ac71f15ac4d5164725e2ac0815ef88f10c113f86f5";
    static final String OFFICER_SHA256 = "A1B2DA3884C7D2CFCD3DCA82FEE0CEAA91B2186A3ADF50ED69098549A6D7E8B4";
    static final String AUDITOR_SHA256 = "0510bbdc800a8133002bb0d89df94045ad9f85f041755a9ac81de67d0df80fc4";
    static final String ADMIN_SHA256 = "16175223c8ddce5ace0493c948569c211b03c4c6bb3d3e484434999448cffe01";
    /** The SHA-256 of "matrix-exporter-secret" and "matrix-auditor-secret". */
    static final String MATRIX_EXPORTER_SHA256 = "122ca62be254f833972b5a40d37caf1b4402bd006a6bce4cafae103468099354";
    static final String MATRIX_AUDITOR_SHA256 = "586d807ff480218f0894683bffe002b8e93dfeaa0c15a93c8b52c30f159aaaac";

    LedgerClient ledger;

    public enum Caller {
        NOBODY(null), UNKNOWN_TOKEN("not-a-known-secret"), EXPORTER("exporter-secret"),
        COMPLIANCE_OFFICER("officer-secret"), AUDITOR("auditor-secret"), ADMIN("admin-secret"),
        /** Exporter and auditor tokens limited to recipients that include "matrix", the one the paths name. */
        MATRIX_EXPORTER("matrix-exporter-secret"), MATRIX_AUDITOR("matrix-auditor-secret");

        final String token;

        Caller(String token) {
            this.token = token;
        }
    }

    private static final Set<Caller> EXPORTERS = Set.of(Caller.EXPORTER, Caller.COMPLIANCE_OFFICER, Caller.ADMIN,
            Caller.MATRIX_EXPORTER);
    private static final Set<Caller> OFFICERS = Set.of(Caller.COMPLIANCE_OFFICER, Caller.ADMIN);
    private static final Set<Caller> AUDITORS = Set.of(Caller.AUDITOR, Caller.ADMIN, Caller.MATRIX_AUDITOR);
    private static final Set<Caller> ADMINS = Set.of(Caller.ADMIN);
    private static final Set<Caller> ANY_ROLE = Set.of(Caller.EXPORTER, Caller.COMPLIANCE_OFFICER, Caller.AUDITOR,
            Caller.ADMIN, Caller.MATRIX_EXPORTER, Caller.MATRIX_AUDITOR);
    public static final Set<Caller> LIMITED_TO_RECIPIENTS = Set.of(Caller.MATRIX_EXPORTER, Caller.MATRIX_AUDITOR);

    /** Requests about every recipient or none, which a token limited to recipients may not make whatever its roles. */
    private static final Set<String> ABOUT_EVERY_RECIPIENT = Set.of("POST /api/v1/persons",
            "POST /api/v1/terms/versions", "DELETE /api/v1/terms/versions/PRIVACY_POLICY/v9",
            "GET /api/v1/audit/decisions", "GET /api/v1/audit/test-clock/history", "GET /api/v1/reports/usage",
            "GET /api/v1/reports/near-limit", "GET /api/v1/reports/exemptions",
            "GET /api/v1/reports/terms-to-accept-again");

    public record Endpoint(String method, String path, Set<Caller> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    public static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/me", ANY_ROLE),
            new Endpoint("POST", "/api/v1/shares", EXPORTERS),
            new Endpoint("POST", "/api/v1/object-exports", EXPORTERS),
            new Endpoint("POST", "/api/v1/reservations", EXPORTERS),
            new Endpoint("POST", "/api/v1/reservations/matrix~r1/confirm", EXPORTERS),
            new Endpoint("POST", "/api/v1/reservations/matrix~r1/void", EXPORTERS),
            new Endpoint("GET", "/api/v1/reservations/matrix~r1", ANY_ROLE),
            new Endpoint("GET", "/api/v1/recipients/matrix", ANY_ROLE),
            new Endpoint("GET", "/api/v1/recipients/matrix/quota", ANY_ROLE),
            new Endpoint("GET", "/api/v1/recipients/matrix/quota?asOf=2026-01-01T00:00:00Z", ANY_ROLE),
            new Endpoint("GET", "/api/v1/recipients/matrix/usage-series", ANY_ROLE),
            new Endpoint("GET", "/api/v1/recipients/matrix/releases", ANY_ROLE),
            new Endpoint("GET", "/api/v1/recipients/matrix/fit", ANY_ROLE),
            new Endpoint("GET", "/api/v1/persons/someone", ANY_ROLE),
            new Endpoint("POST", "/api/v1/recipients", OFFICERS),
            new Endpoint("POST", "/api/v1/recipients/matrix/terms-acceptances", OFFICERS),
            new Endpoint("POST", "/api/v1/persons", OFFICERS),
            new Endpoint("POST", "/api/v1/recipients/matrix/persons", OFFICERS),
            new Endpoint("DELETE", "/api/v1/recipients/matrix/persons/someone", OFFICERS),
            new Endpoint("POST", "/api/v1/persons/someone/terms-acceptances", OFFICERS),
            new Endpoint("POST", "/api/v1/recipients/matrix/academic-approvals", OFFICERS),
            new Endpoint("DELETE", "/api/v1/recipients/matrix/academic-approvals/a1", OFFICERS),
            new Endpoint("POST", "/api/v1/recipients/matrix/dsa-access", OFFICERS),
            new Endpoint("DELETE", "/api/v1/recipients/matrix/dsa-access/d1", OFFICERS),
            new Endpoint("POST", "/api/v1/recipients/matrix/limit-permissions", OFFICERS),
            new Endpoint("DELETE", "/api/v1/recipients/matrix/limit-permissions/l1", OFFICERS),
            new Endpoint("POST", "/api/v1/terms/versions", OFFICERS),
            new Endpoint("GET", "/api/v1/terms/versions", ANY_ROLE),
            new Endpoint("DELETE", "/api/v1/terms/versions/PRIVACY_POLICY/v9", OFFICERS),
            new Endpoint("GET", "/api/v1/audit/decisions", AUDITORS),
            new Endpoint("GET", "/api/v1/audit/recipients/matrix/history", AUDITORS),
            new Endpoint("GET", "/api/v1/audit/recipients/matrix/verify", AUDITORS),
            new Endpoint("GET", "/api/v1/audit/persons/someone/history", AUDITORS),
            new Endpoint("GET", "/api/v1/audit/persons/someone/verify", AUDITORS),
            new Endpoint("GET", "/api/v1/audit/test-clock/history", AUDITORS),
            new Endpoint("GET", "/api/v1/reports/usage", AUDITORS),
            new Endpoint("GET", "/api/v1/reports/near-limit", AUDITORS),
            new Endpoint("GET", "/api/v1/reports/exemptions", AUDITORS),
            new Endpoint("GET", "/api/v1/reports/terms-to-accept-again", AUDITORS),
            new Endpoint("GET", "/actuator/prometheus", AUDITORS),
            new Endpoint("GET", "/api/v1/admin/projections", ADMINS),
            new Endpoint("GET", "/api/v1/admin/reconcile", ADMINS),
            new Endpoint("POST", "/api/v1/admin/projections/replay", ADMINS),
            new Endpoint("GET", "/api/v1/test-clock", ADMINS),
            new Endpoint("POST", "/api/v1/test-clock/advance", ADMINS),
            new Endpoint("GET", "/v3/api-docs", ANY_ROLE),
            new Endpoint("GET", "/swagger-ui.html", ANY_ROLE),
            new Endpoint("GET", "/actuator/env", AUDITORS),
            new Endpoint("GET", "/api/v1/no-such-thing", ADMINS),
            new Endpoint("POST", "/api/v1/no-such-thing", ADMINS),
            new Endpoint("GET", "/no-such-thing", ADMINS));

    static Stream<Arguments> everyEndpointAndCaller() {
        List<Arguments> cases = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            for (Caller caller : Caller.values()) {
                cases.add(Arguments.of(endpoint, caller));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}")
    @MethodSource("everyEndpointAndCaller")
    void onlyTheEndpointsRolesGetPast(Endpoint endpoint, Caller caller) {
        LedgerClient as = ledger.as(caller.token);
        Answer answer = endpoint.method().equals("POST")
                ? as.post(endpoint.path(), "{}")
                : as.send(endpoint.method(), endpoint.path());

        if (caller == Caller.NOBODY || caller == Caller.UNKNOWN_TOKEN) {
            assertProblem(answer, 401, "UNAUTHENTICATED");
            assertThat(answer.header("WWW-Authenticate")).hasValueSatisfying(challenge ->
                    assertThat(challenge).startsWith("Bearer"));
        } else if (endpoint.allowed().contains(caller) && LIMITED_TO_RECIPIENTS.contains(caller)
                && ABOUT_EVERY_RECIPIENT.contains(endpoint.method() + " " + endpoint.path())) {
            assertProblem(answer, 403, "FORBIDDEN_RECIPIENT");
        } else if (endpoint.allowed().contains(caller)) {
            assertThat(answer.status()).as("%s", answer).isNotIn(401, 403).isLessThan(500);
        } else {
            assertProblem(answer, 403, "FORBIDDEN");
        }
    }

    @Test
    void healthNeedsNoToken() {
        for (Caller caller : Caller.values()) {
            Answer health = ledger.as(caller.token).get("/actuator/health");
            assertThat(health.status()).as("%s: %s", caller, health).isEqualTo(200);
        }
    }

    @Test
    void theActuatorShowsHealthAndMetricsOnly() {
        LedgerClient admin = ledger.as(Caller.ADMIN.token);
        assertThat(ledger.as(Caller.AUDITOR.token).get("/actuator/prometheus").body())
                .contains("jvm_memory_used_bytes");
        for (String hidden : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/configprops",
                "/actuator/heapdump", "/actuator/loggers", "/actuator/metrics", "/actuator/threaddump",
                "/actuator/mappings", "/actuator/shutdown")) {
            assertThat(admin.get(hidden).status()).as(hidden).isEqualTo(404);
        }
    }

    @Test
    void everyFactRecordsTheNameOfTheTokenThatCausedIt() {
        LedgerClient officer = ledger.as(Caller.COMPLIANCE_OFFICER.token);
        LedgerClient exporter = ledger.as(Caller.EXPORTER.token);
        officer.registerWithAllTerms("named");
        assertThat(exporter.share(share("named-1", "named", 10)).status()).isEqualTo(201);

        JsonNode events = ledger.as(Caller.AUDITOR.token).get("/api/v1/audit/recipients/named/history").json()
                .path("events");
        List<String> actors = new ArrayList<>();
        events.forEach(event -> actors.add(event.path("type").asText() + " by " + event.path("actor").asText()));
        assertThat(actors).containsExactly("RecipientRegistered by token:officer-jane",
                "TermsAccepted by token:officer-jane", "ShareGranted by token:export-bot");
    }
}

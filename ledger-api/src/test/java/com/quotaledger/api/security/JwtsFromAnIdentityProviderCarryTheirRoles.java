package com.quotaledger.api.security;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.RunningLedger;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An organisation's identity provider may vouch for callers: a JWT it signed, from the issuer the ledger is told to
 * trust and for the ledger's audience, names the caller (its issuer and subject, recorded as the actor
 * {@code jwt:<issuer>#<subject>}) and the caller's roles (a claim). A token that is expired or never expires, from
 * another issuer, for another audience, signed by another key or without a subject is refused; a ledger told of an
 * identity provider but not of its issuer or the audience does not start; API tokens work beside JWTs. The identity
 * provider here is a key pair made for the test and its public key served as a JWK set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtsFromAnIdentityProviderCarryTheirRoles {

    private static final String ISSUER = "https://idp.quotaledger.test";
    private static final String ROLES_CLAIM = "ledger_roles";
    private static final String AUDIENCE = "quota-ledger";

    private RSAKey key;
    private HttpServer identityProvider;
    private RunningLedger ledger;

    @BeforeAll
    void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("test-key").generate();
        byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        identityProvider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        identityProvider.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keys.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(keys);
            }
        });
        identityProvider.start();
        ledger = RunningLedger.start(DataDirs.fresh("jwt"), keys(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ISSUER,
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE,
                "--ledger.security.jwt.roles-claim=" + ROLES_CLAIM);
    }

    private String keys() {
        return "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=http://127.0.0.1:"
                + identityProvider.getAddress().getPort() + "/jwks";
    }

    @AfterAll
    void stop() {
        ledger.close();
        identityProvider.stop(0);
    }

    @Test
    void aCallersRolesComeFromTheClaimAndItsSubjectIsTheActor() throws Exception {
        LedgerClient officer = ledger.client().as(jwt(claims -> claims.subject("jane@idp")
                .claim(ROLES_CLAIM, List.of("COMPLIANCE_OFFICER"))));
        LedgerClient exporter = ledger.client().as(jwt(claims -> claims.subject("export-service")
                .claim(ROLES_CLAIM, "exporter some-other-app-role")));
        officer.registerWithAllTerms("by-jwt");
        assertThat(exporter.share(share("jwt-1", "by-jwt", 10)).status()).isEqualTo(201);
        assertProblem(exporter.post("/api/v1/recipients", "{}"), 403, "FORBIDDEN");

        LedgerClient auditor = ledger.client().as(jwt(claims -> claims.subject("kim@idp")
                .claim(ROLES_CLAIM, "AUDITOR")));
        List<String> actors = new ArrayList<>();
        auditor.get("/api/v1/audit/recipients/by-jwt/history").json().path("events")
                .forEach(event -> actors.add(event.path("actor").asText()));
        assertThat(actors).containsExactly("jwt:" + ISSUER + "#jane@idp", "jwt:" + ISSUER + "#jane@idp",
                "jwt:" + ISSUER + "#export-service");
    }

    @Test
    void aJwtWhoseSubjectIsAdminIsNotTheAdministratorTokenInTheAuditTrail() throws Exception {
        LedgerClient admin = ledger.client();
        LedgerClient jwtAdmin = ledger.client().as(jwt(claims -> claims.subject("admin")
                .claim(ROLES_CLAIM, "ADMIN")));
        admin.registerWithAllTerms("by-admin");
        jwtAdmin.registerWithAllTerms("by-jwt-admin");

        assertThat(actorsOf(admin, "by-admin")).containsOnly("token:admin");
        assertThat(actorsOf(admin, "by-jwt-admin")).containsOnly("jwt:" + ISSUER + "#admin");
    }

    @Test
    void aLedgerToldOfAnIdentityProviderButNotOfItsIssuerOrAudienceDoesNotStart() {
        assertThatThrownBy(() -> RunningLedger.start(DataDirs.fresh("jwt-no-audience"), keys(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + ISSUER).close())
                .hasStackTraceContaining("spring.security.oauth2.resourceserver.jwt.audiences");
        assertThatThrownBy(() -> RunningLedger.start(DataDirs.fresh("jwt-no-issuer"), keys(),
                "--spring.security.oauth2.resourceserver.jwt.audiences=" + AUDIENCE).close())
                .hasStackTraceContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }

    private static List<String> actorsOf(LedgerClient auditor, String recipientId) {
        List<String> actors = new ArrayList<>();
        auditor.get("/api/v1/audit/recipients/" + recipientId + "/history").json().path("events")
                .forEach(event -> actors.add(event.path("actor").asText()));
        return actors;
    }

    @Test
    void aRecipientsClaimLimitsTheCallerToThoseRecipients() throws Exception {
        LedgerClient officer = ledger.client().as(jwt(claims -> claims.subject("jane@idp")
                .claim(ROLES_CLAIM, "COMPLIANCE_OFFICER")));
        officer.registerWithAllTerms("jwt-mine");
        officer.registerWithAllTerms("jwt-theirs");
        LedgerClient limited = ledger.client().as(jwt(claims -> claims.subject("acme-export")
                .claim(ROLES_CLAIM, "EXPORTER").claim("recipients", List.of("jwt-mine"))));
        LedgerClient limitedToNone = ledger.client().as(jwt(claims -> claims.subject("nobodys-export")
                .claim(ROLES_CLAIM, "EXPORTER").claim("recipients", List.of())));

        assertThat(limited.share(share("jwt-mine-1", "jwt-mine", 10)).status()).isEqualTo(201);
        assertProblem(limited.share(share("jwt-theirs-1", "jwt-theirs", 10)), 403, "FORBIDDEN_RECIPIENT");
        assertProblem(limited.get("/api/v1/recipients/jwt-theirs/quota"), 403, "FORBIDDEN_RECIPIENT");
        assertProblem(limitedToNone.share(share("jwt-mine-2", "jwt-mine", 10)), 403, "FORBIDDEN_RECIPIENT");
        assertThat(officer.get("/api/v1/recipients/jwt-theirs/quota").json().at("/postIds/used").asLong())
                .isZero();
    }

    @Test
    void aTokenWithoutKnownRolesMayOnlyReadTheApiDescription() throws Exception {
        LedgerClient nobody = ledger.client().as(jwt(claims -> claims.subject("guest")
                .claim(ROLES_CLAIM, List.of("VIEWER"))));
        assertProblem(nobody.get("/api/v1/recipients/by-jwt/quota"), 403, "FORBIDDEN");
        assertThat(nobody.get("/v3/api-docs").status()).isEqualTo(200);
    }

    @Test
    void expiredForeignUnsignedOrAnonymousTokensAreRefused() throws Exception {
        UnaryOperator<JWTClaimsSet.Builder> admin = claims -> claims.subject("ops").claim(ROLES_CLAIM, "ADMIN");
        assertThat(ledger.client().as(jwt(admin)).get("/api/v1/admin/projections").status()).isEqualTo(200);

        String expired = jwt(claims -> admin.apply(claims)
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))));
        String foreign = jwt(claims -> admin.apply(claims).issuer("https://elsewhere.test"));
        String forAnotherService = jwt(claims -> admin.apply(claims).audience("another-service"));
        String forNoService = jwt(claims -> admin.apply(claims).audience((String) null));
        String forever = jwt(claims -> admin.apply(claims).expirationTime(null));
        String longSubject = jwt(claims -> admin.apply(claims).subject("s".repeat(400)));
        String otherKey = sign(new RSAKeyGenerator(2048).keyID("test-key").generate(), admin);
        String anonymous = jwt(claims -> claims.claim(ROLES_CLAIM, "ADMIN"));
        String[] parts = jwt(admin).split("\\.");
        String unsigned = parts[0] + "." + parts[1] + ".";
        for (String refused : List.of(expired, foreign, forAnotherService, forNoService, forever, longSubject,
                otherKey, anonymous, unsigned, "a.b.c", "not-a-jwt")) {
            assertProblem(ledger.client().as(refused).get("/api/v1/admin/projections"), 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void apiTokensWorkBesideJwts() {
        assertThat(ledger.client().get("/api/v1/admin/projections").status()).isEqualTo(200);
    }

    private String jwt(UnaryOperator<JWTClaimsSet.Builder> claims) throws JOSEException {
        return sign(key, claims);
    }

    private static String sign(RSAKey key, UnaryOperator<JWTClaimsSet.Builder> claims) throws JOSEException {
        Instant now = Instant.now();
        JWTClaimsSet.Builder standard = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                claims.apply(standard).build());
        signed.sign(new RSASSASigner(key));
        return signed.serialize();
    }
}

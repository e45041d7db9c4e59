package com.quotaledger.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages and scripts are static files that anyone may fetch: they hold no data, and everything they show
 * comes from the API with the signed-in token. They run nothing but the ledger's own scripts, which a strict content
 * security policy enforces in the browser, and load nothing from another origin.
 */
@FreshLedger
@TestPropertySource(properties = {
        "ledger.security.tokens[0].name=far-exporter",
        "ledger.security.tokens[0].roles=EXPORTER",
        "ledger.security.tokens[0].sha256=980017b67fb336c064d387fc21f47e5452ab7b8bf883e26ade78fa4b29e06c16",
        "ledger.security.tokens[0].recipients=far,farther",
        "ledger.security.tokens[1].name=officer",
        "ledger.security.tokens[1].roles=COMPLIANCE_OFFICER",
        "ledger.security.tokens[1].sha256=21d5923c36feb92dabcec193a546bd14438fb38c8cd3de541a2f4272c5e27eb6"})
class TheConsoleHoldsNoDataAndRunsOnlyItsOwnScripts {

    /** Markup or code that would reach another origin: an absolute or protocol-relative address. */
    private static final Pattern ANOTHER_ORIGIN = Pattern.compile("(https?:)?//[a-z0-9]", Pattern.CASE_INSENSITIVE);
    /** What a strict policy refuses to run: inline scripts, inline handlers, inline styles. */
    private static final Pattern INLINE = Pattern.compile(
            "<script(?![^>]*\\bsrc=)[^>]*>|\\son[a-z]+=|\\sstyle=|javascript:", Pattern.CASE_INSENSITIVE);

    LedgerClient ledger;

    @ParameterizedTest
    @ValueSource(strings = {"/console/", "/console/sign-in.html", "/console/recipient.html", "/console/js/console.js",
            "/console/console.css"})
    void everyPartNeedsNoTokenAndCarriesTheStrictPolicy(String path) {
        Answer page = ledger.as(null).get(path);

        assertThat(page.status()).as(path).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).hasValue(
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'");
        assertThat(page.header("X-Frame-Options")).hasValue("DENY");
        assertThat(page.header("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.header("Set-Cookie")).as("nothing a forged request could ride on").isEmpty();
    }

    @Test
    void theConsoleIsAtItsOwnAddressAndTheChartsAreServedFromTheJar() {
        Answer bare = ledger.as(null).get("/console");
        assertThat(bare.status()).isEqualTo(302);
        assertThat(bare.header("Location")).hasValueSatisfying(location -> assertThat(location).endsWith("/console/"));
        assertThat(ledger.as(null).get("/console/").body()).contains("<title>Overview · Quota Ledger</title>");

        Answer chartLibrary = ledger.as(null).get("/webjars/uplot/dist/uPlot.iife.min.js");
        assertThat(chartLibrary.status()).isEqualTo(200);
        assertThat(chartLibrary.contentType()).contains("javascript");
    }

    @Test
    void noFileOfTheConsoleRunsInlineCodeOrReachesAnotherOrigin() throws IOException {
        Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:static/console/**/*.*");
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        for (Resource file : files) {
            String text = file.getContentAsString(StandardCharsets.UTF_8);
            assertThat(ANOTHER_ORIGIN.matcher(text).results().map(match -> match.group()).toList())
                    .as("addresses of another origin in %s", file.getFilename()).isEmpty();
            if (file.getFilename().endsWith(".html")) {
                assertThat(INLINE.matcher(text).results().map(match -> match.group()).toList())
                        .as("inline code in %s", file.getFilename()).isEmpty();
            }
        }
    }

    @Test
    void aTokenLearnsWhoItIsItsRolesAndItsRecipients() {
        JsonNode exporter = ledger.as("mine-exporter-secret").get("/api/v1/me").json();
        assertThat(exporter.path("actor").asText()).isEqualTo("token:far-exporter");
        assertThat(roles(exporter)).containsExactly("EXPORTER");
        assertThat(exporter.path("everyRecipient").asBoolean()).isFalse();
        assertThat(exporter.path("recipients").toString()).isEqualTo("[\"far\",\"farther\"]");

        JsonNode officer = ledger.as("all-officer-secret").get("/api/v1/me").json();
        assertThat(roles(officer)).as("an officer may do what an exporter may")
                .containsExactly("EXPORTER", "COMPLIANCE_OFFICER");
        assertThat(officer.path("everyRecipient").asBoolean()).isTrue();
        assertThat(officer.path("recipients").isEmpty()).isTrue();

        assertThat(ledger.as("not-a-token").get("/api/v1/me").status()).isEqualTo(401);
        assertThat(ledger.as(null).get("/api/v1/me").status()).isEqualTo(401);
    }

    private static List<String> roles(JsonNode caller) {
        List<String> roles = new ArrayList<>();
        caller.path("roles").forEach(role -> roles.add(role.asText()));
        return roles;
    }
}

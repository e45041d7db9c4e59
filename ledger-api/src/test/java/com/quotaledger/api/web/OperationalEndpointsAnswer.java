package com.quotaledger.api.web;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.LedgerClient.Answer;
import com.quotaledger.decision.DenialReason;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators see whether the ledger is up, and clients find its API described as OpenAPI. */
@FreshLedger
class OperationalEndpointsAnswer {

    LedgerClient ledger;

    @Test
    void healthIsUp() {
        Answer health = ledger.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }

    @Test
    void theApiIsDescribedAsOpenApi() {
        Answer docs = ledger.get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.contentType()).startsWith("application/json");
        JsonNode openApi = docs.json();
        assertThat(openApi.path("openapi").asText()).startsWith("3.");
        assertThat(openApi.path("paths").has("/api/v1/shares")).isTrue();
        assertThat(openApi.path("paths").path("/api/v1/shares").has("post")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/recipients")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/recipients/{recipientId}")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/recipients/{recipientId}/quota")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/recipients/{recipientId}/terms-acceptances")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/test-clock"))
                .as("the test clock is not part of a production ledger's API").isFalse();
        assertThat(openApi.path("paths").path("/api/v1/terms/versions").has("post")).isTrue();
        assertThat(openApi.path("paths").has("/api/v1/reports/terms-to-accept-again")).isTrue();
    }

    @Test
    void everyDenialReasonIsListedInTheDescription() {
        JsonNode reasons = ledger.get("/v3/api-docs").json().path("components").path("schemas")
                .path("DenialReason").path("enum");

        List<String> listed = new ArrayList<>();
        reasons.forEach(reason -> listed.add(reason.asText()));
        assertThat(listed).containsExactlyElementsOf(
                Arrays.stream(DenialReason.values()).map(DenialReason::name).toList());
        assertThat(listed).contains("TERMS_OUTDATED", "NON_PUBLIC_OBJECTS_FORBIDDEN");
    }
}

package com.quotaledger.api;

import com.fasterxml.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** What every refusal of the ledger looks like: RFC 9457 problem+json with a stable reason code. */
public final class Problems {

    private Problems() {
    }

    public static JsonNode assertProblem(LedgerClient.Answer answer, int status, String reason) {
        assertThat(answer.status()).as("status of %s", answer).isEqualTo(status);
        assertThat(answer.contentType()).as("content type of %s", answer).startsWith("application/problem+json");
        JsonNode problem = answer.json();
        assertThat(problem.path("status").asInt()).as("status field of %s", answer).isEqualTo(status);
        assertThat(problem.path("reason").asText()).as("reason of %s", answer).isEqualTo(reason);
        assertThat(problem.path("title").asText()).as("title of %s", answer).isNotBlank();
        assertThat(problem.path("detail").asText()).as("detail of %s", answer).isNotBlank();
        return problem;
    }
}

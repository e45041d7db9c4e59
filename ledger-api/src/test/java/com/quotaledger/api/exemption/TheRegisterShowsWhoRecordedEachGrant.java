package com.quotaledger.api.exemption;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.api.ExemptionRequests.grant;
import static com.quotaledger.api.ExemptionRequests.limitPermission;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who granted an exemption is free text an officer types, and may name anyone; who recorded it is the authenticated
 * caller. The exemption register shows both, and who revoked it; an acceptance of the terms answers who recorded it.
 */
@FreshLedger
@TestPropertySource(properties = {
        "ledger.security.tokens[0].name=officer-jane",
        "ledger.security.tokens[0].roles=COMPLIANCE_OFFICER",
        "ledger.security.tokens[0].sha256=f78beb624063dd9b62883ed26db719502a8fb578fc425333b6a2db1d047a16d8",
        "ledger.security.tokens[1].name=officer-max",
        "ledger.security.tokens[1].roles=COMPLIANCE_OFFICER",
        "ledger.security.tokens[1].sha256=82ab64ce7e4ace451f33761077b03bc1a4deb6e539e25be2344f3f5c5243fa8e",
        "ledger.security.tokens[2].name=auditor-kim",
        "ledger.security.tokens[2].roles=AUDITOR",
        "ledger.security.tokens[2].sha256=476d93d593a9ed40ebc1b43550ac76281ca91d48df17d838d5eb9a8f7bf29ff3"})
class TheRegisterShowsWhoRecordedEachGrant {

    LedgerClient ledger;

    @Test
    void aGrantNamingSomeoneElseStillShowsTheCallerThatRecordedIt() {
        LedgerClient jane = ledger.as("jane-secret");
        LedgerClient max = ledger.as("max-secret");
        LedgerClient auditor = ledger.as("kim-secret");
        jane.registerWithAllTerms("recorded");
        JsonNode acceptance = jane.post("/api/v1/recipients/recorded/terms-acceptances", """
                {"acceptedBy":"the.ceo@recorded.example","documents":{"TERMS_OF_SERVICE":"2025-09"}}""").json();
        assertThat(acceptance.path("acceptedBy").asText()).isEqualTo("the.ceo@recorded.example");
        assertThat(acceptance.path("recordedBy").asText()).isEqualTo("token:officer-jane");

        Instant now = Instant.now();
        String permission = limitPermission("PERM-R", 2_000_000, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30))).replace("officer@us.example", "the.ceo@us.example");
        assertThat(grant(jane, "recorded", "limit-permissions", permission).status()).isEqualTo(201);
        assertThat(max.send("DELETE", "/api/v1/recipients/recorded/limit-permissions/PERM-R").status())
                .isEqualTo(204);

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode entry = auditor.get("/api/v1/reports/exemptions").json().path("exemptions").path(0);
            assertThat(entry.path("exemptionId").asText()).isEqualTo("PERM-R");
            assertThat(entry.path("grantedBy").asText()).isEqualTo("the.ceo@us.example");
            assertThat(entry.path("recordedBy").asText()).isEqualTo("token:officer-jane");
            assertThat(entry.path("revokedBy").asText()).isEqualTo("token:officer-max");
        });
    }
}

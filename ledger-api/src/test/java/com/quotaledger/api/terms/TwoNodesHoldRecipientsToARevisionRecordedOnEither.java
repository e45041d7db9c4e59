package com.quotaledger.api.terms;

import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.NodesOnAnH2Server;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A revision of the terms recorded on one node holds on every node from the instant it takes effect: each node reads
 * the recorded versions at least once per refresh interval, and a revision must be recorded a notice ahead, longer
 * than that interval. The nodes share an H2 server here, and the PostgreSQL server on the PostgreSQL run.
 */
class TwoNodesHoldRecipientsToARevisionRecordedOnEither {

    private static final Duration NOTICE = Duration.ofSeconds(5);
    /** Room for a slow machine between reading the clock here and the node checking the notice. */
    private static final Duration MARGIN = Duration.ofSeconds(3);

    private NodesOnAnH2Server nodes;

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void theOtherNodeDeniesFromTheInstantTheRevisionTakesEffect() throws Exception {
        nodes = NodesOnAnH2Server.in("h2-server-terms");
        String[] settings = {"--ledger.policy.terms.current-versions.developer-policy=2025-10",
                "--ledger.policy.terms.notice=" + NOTICE, "--ledger.policy.terms.refresh-interval=PT1S"};
        LedgerClient first = nodes.start(settings);
        LedgerClient second = nodes.start(settings);

        first.registerWithAllTerms("revised");
        assertThat(second.share(share("revised-1", "revised", 10)).status())
                .as("the second node has read the versions, the configured one in force").isEqualTo(201);

        Instant effectiveFrom = Instant.now().plus(NOTICE).plus(MARGIN);
        assertThat(first.post("/api/v1/terms/versions", """
                {"document":"DEVELOPER_POLICY","version":"2026-01","effectiveFrom":"%s","publishedBy":"officer@example.com"}"""
                .formatted(effectiveFrom)).status()).isEqualTo(201);
        assertThat(second.share(share("revised-2", "revised", 10)).status())
                .as("before the revision takes effect").isEqualTo(201);

        await().atMost(NOTICE.plus(MARGIN).multipliedBy(2))
                .until(() -> Instant.now().isAfter(effectiveFrom.plusMillis(5)));
        JsonNode outdated = assertProblem(second.share(share("revised-3", "revised", 10)), 422, "TERMS_OUTDATED");
        assertThat(outdated.path("outdatedTerms").get(0).path("currentVersion").asText()).isEqualTo("2026-01");
    }
}

package com.quotaledger.api.storage;

import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.NodesOnAnH2Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An H2 server ({@code jdbc:h2:tcp:}) is a store several nodes share, like PostgreSQL: a node that has a recipient
 * cached must see what another node granted it since, or it would grant beyond the limit on stale state. On the
 * PostgreSQL run both nodes share that server instead, which must behave the same.
 */
class TwoNodesOnAnH2ServerSeeEachOthersDecisions {

    private static final long LIMIT = 1_000;

    private NodesOnAnH2Server nodes;

    @AfterEach
    void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void aNodeThatCachedARecipientSeesWhatTheOtherGrantedIt() throws Exception {
        nodes = NodesOnAnH2Server.in("h2-server");
        LedgerClient first = nodes.start("--ledger.policy.rolling-limit=" + LIMIT);
        LedgerClient second = nodes.start("--ledger.policy.rolling-limit=" + LIMIT);

        first.registerWithAllTerms("shared");
        assertThat(second.quota("shared").json().path("postIds").path("used").asLong())
                .as("the second node has the recipient cached, with nothing used").isZero();
        assertThat(first.share(share("shared-1", "shared", 900)).status()).isEqualTo(201);

        assertProblem(second.share(share("shared-2", "shared", 200)), 429, "ROLLING_LIMIT_EXCEEDED");
        assertThat(second.quota("shared").json().path("postIds").path("used").asLong()).isEqualTo(900);
        assertThat(second.share(share("shared-3", "shared", 100)).status()).isEqualTo(201);
        assertThat(first.quota("shared").json().path("postIds").path("used").asLong()).isEqualTo(LIMIT);
    }
}

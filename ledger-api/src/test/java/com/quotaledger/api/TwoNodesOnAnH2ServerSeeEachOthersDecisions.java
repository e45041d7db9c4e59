package com.quotaledger.api;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

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

    private final List<LedgerProcess> started = new ArrayList<>();
    private H2Server server;

    @AfterEach
    void stop() {
        started.forEach(LedgerProcess::close);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNodeThatCachedARecipientSeesWhatTheOtherGrantedIt() throws Exception {
        Path dataDir = DataDirs.fresh("h2-server");
        server = H2Server.under(dataDir);
        String[] settings = Stream.concat(Arrays.stream(server.nodeSettings()),
                Stream.of("--ledger.policy.rolling-limit=" + LIMIT)).toArray(String[]::new);
        LedgerClient first = start(dataDir, settings);
        LedgerClient second = start(dataDir, settings);

        first.registerWithAllTerms("shared");
        assertThat(second.quota("shared").json().path("postIds").path("used").asLong())
                .as("the second node has the recipient cached, with nothing used").isZero();
        assertThat(first.share(share("shared-1", "shared", 900)).status()).isEqualTo(201);

        assertProblem(second.share(share("shared-2", "shared", 200)), 429, "ROLLING_LIMIT_EXCEEDED");
        assertThat(second.quota("shared").json().path("postIds").path("used").asLong()).isEqualTo(900);
        assertThat(second.share(share("shared-3", "shared", 100)).status()).isEqualTo(201);
        assertThat(first.quota("shared").json().path("postIds").path("used").asLong()).isEqualTo(LIMIT);
    }

    private LedgerClient start(Path dataDir, String... settings) {
        LedgerProcess node = LedgerProcess.start(dataDir, settings);
        started.add(node);
        return node.client();
    }
}

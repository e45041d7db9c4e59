package com.quotaledger.api.readmodels;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.RunningLedger;
import com.quotaledger.api.TestStore;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replay asked of one node rebuilds the read models that every node answers from, although their segments are
 * spread over the nodes: the others let go of theirs while it resets, then take their share again. On PostgreSQL
 * there are two nodes; the embedded H2 file has one.
 */
class AReplayAskedOfOneNodeRebuildsTheReadModelsOfAll {

    private final List<RunningLedger> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(RunningLedger::close);
    }

    @Test
    void everyNodeAnswersAsBeforeOnceOneNodeHasReplayed() {
        Path dataDir = DataDirs.fresh("replay-nodes");
        int count = TestStore.current() == TestStore.POSTGRESQL ? 2 : 1;
        for (int node = 0; node < count; node++) {
            // Each node claims its share of the four segments of every read model, not the first node all of them.
            nodes.add(RunningLedger.start(dataDir, "--ledger.node-id=node-" + node,
                    "--ledger.projections.segments-per-node=" + 4 / count, "--ledger.policy.rolling-limit=20000"));
        }
        LedgerClient first = nodes.get(0).client();
        List<String> recipients = List.of("replay-a", "replay-b", "replay-c");
        recipients.forEach(first::registerWithAllTerms);
        for (int i = 0; i < 30; i++) {
            LedgerClient through = nodes.get(i % count).client();
            Answer answer = through.share(share("replay-" + i, recipients.get(i % 3), 900 + 37L * i));
            assertThat(answer.status()).as("%s", answer).isIn(201, 429);
        }
        Map<String, String> before = awaitConsistentAnswers(first);
        nodes.get(0).jdbc().update("""
                INSERT INTO decision_log (event_identifier, event_position, aggregate_identifier, sequence_number,
                    decision_type, decision, request_id, recipient_id, decided_at, post_ids, user_ids,
                    direct_message_ids, post_objects, user_objects)
                VALUES ('stray', 999, 'stray', 0, 'SHARE', 'GRANTED', 'stray', 'stray', CURRENT_TIMESTAMP, 1, 0, 0, 0, 0)""");
        nodes.get(0).jdbc().update("UPDATE quota_window_share SET post_ids = post_ids + 1");
        assertThat(answers(first)).as("the read models before the replay").isNotEqualTo(before);

        Answer replay = nodes.get(count - 1).client().post("/api/v1/admin/projections/replay", "{}");

        assertThat(replay.status()).as("%s", replay).isEqualTo(202);
        for (RunningLedger node : nodes) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(answers(node.client())).isEqualTo(before));
        }
        assertThat(nodes.get(0).jdbc().queryForObject("SELECT state FROM projection_replay", String.class))
                .isEqualTo("IDLE");
    }

    private static Map<String, String> awaitConsistentAnswers(LedgerClient node) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Answer reconciliation = node.get("/api/v1/admin/reconcile");
            assertThat(reconciliation.json().path("consistent").asBoolean()).as("%s", reconciliation).isTrue();
        });
        return answers(node);
    }

    /** What auditors would read, without the instant it was read at and how far the read models had got. */
    private static Map<String, String> answers(LedgerClient node) {
        Map<String, String> answers = new LinkedHashMap<>();
        Answer decisions = node.get("/api/v1/audit/decisions", "Accept", "text/csv");
        assertThat(decisions.status()).as("%s", decisions).isEqualTo(200);
        answers.put("decisions", decisions.body());
        Answer nearLimit = node.get("/api/v1/reports/near-limit?threshold=0");
        assertThat(nearLimit.status()).as("%s", nearLimit).isEqualTo(200);
        answers.put("near limit", ((ObjectNode) nearLimit.json()).without(List.of("projectedUpTo", "asOf")).toString());
        return answers;
    }
}

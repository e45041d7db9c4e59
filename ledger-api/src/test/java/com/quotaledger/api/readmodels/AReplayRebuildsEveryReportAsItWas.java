package com.quotaledger.api.readmodels;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.MixedWorkload;
import com.quotaledger.api.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Rebuilding the read models from the event store gives every report exactly the answer it gave before. */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
class AReplayRebuildsEveryReportAsItWas {

    LedgerClient ledger;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyAnswerIsIdenticalAfterAReplay() {
        MixedWorkload.Ids ids = MixedWorkload.run(ledger, "replay");
        MixedWorkload.awaitReadModelsCaughtUp(ledger, Duration.ofSeconds(10));
        String period = "?from=" + ids.start().atZone(ZoneOffset.UTC).toLocalDate() + "&to="
                + ids.start().atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
        Map<String, String> before = answers(ledger, period);
        jdbc.update("""
                INSERT INTO decision_log (event_identifier, event_position, aggregate_identifier, sequence_number,
                    decision_type, decision, request_id, recipient_id, decided_at, post_ids, user_ids,
                    direct_message_ids, post_objects, user_objects)
                VALUES ('stray', 999, 'stray', 0, 'SHARE', 'GRANTED', 'stray', 'stray', CURRENT_TIMESTAMP, 1, 0, 0, 0, 0)""");
        jdbc.update("UPDATE usage_daily SET post_ids = post_ids + 1");
        assertThat(answers(ledger, period)).as("the read models before the replay").isNotEqualTo(before);

        Answer replay = ledger.post("/api/v1/admin/projections/replay", "{}");

        assertThat(replay.status()).as("%s", replay).isEqualTo(202);
        assertThat(replay.json().path("replaying").toString()).isEqualTo("[\"read-models\"]");
        MixedWorkload.awaitReadModelsCaughtUp(ledger, Duration.ofSeconds(20));
        Map<String, String> after = answers(ledger, period);
        after.forEach((query, answer) -> assertThat(answer).as(query).isEqualTo(before.get(query)));
        assertThat(after.keySet()).isEqualTo(before.keySet());
    }

    private static Map<String, String> answers(LedgerClient ledger, String period) {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put("decisions", ok(ledger.get("/api/v1/audit/decisions?size=1000")));
        answers.put("decisions page",
                ok(ledger.get("/api/v1/audit/decisions?size=4&count=true&decision=GRANTED")));
        answers.put("decisions csv", ok(ledger.get("/api/v1/audit/decisions", "Accept", "text/csv")));
        answers.put("usage", ok(ledger.get("/api/v1/reports/usage" + period)));
        answers.put("usage csv", ok(ledger.get("/api/v1/reports/usage" + period, "Accept", "text/csv")));
        answers.put("near limit", ok(ledger.get("/api/v1/reports/near-limit?threshold=0.5")));
        answers.put("exemptions", ok(ledger.get("/api/v1/reports/exemptions")));
        answers.put("reconcile", ok(ledger.get("/api/v1/admin/reconcile")));
        return answers;
    }

    private static String ok(Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(200);
        return answer.body();
    }
}

package com.quotaledger.api.share;

import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.Requests;
import com.quotaledger.api.LedgerClient.Answer;
import com.quotaledger.api.share.RequestIdRetention;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import static com.quotaledger.api.Problems.assertProblem;
import static com.quotaledger.api.Requests.share;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A requestId is decided once in the whole ledger. Sent again with the same content it answers the original decision,
 * byte for byte, and changes nothing; sent with other content it is refused.
 */
@FreshLedger
@TestPropertySource(properties = "ledger.test-clock.enabled=true")
class RepeatedRequestIdsReturnTheOriginalDecision {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ObjectProvider<RequestIdRetention> retention;

    LedgerClient ledger;

    @Test
    void aRequestIdIsRememberedForGoodByDefault() {
        assertThat(retention.getIfAvailable()).as("a task that forgets requestIds").isNull();
        ledger.registerWithAllTerms("for-good");
        String request = share("for-good-1", "for-good", 1_000);
        Answer original = ledger.share(request);
        assertThat(original.status()).isEqualTo(201);

        ledger.advanceClock("P3650D");
        Answer tenYearsLater = ledger.share(request);
        assertThat(tenYearsLater.body()).isEqualTo(original.body());
        assertProblem(ledger.share(share("for-good-1", "for-good", 2_000)), 409, "REQUEST_ID_REUSED");
        assertThat(requestLogRows("for-good-1")).isEqualTo(1);
    }

    @Test
    void aRepeatedGrantAnswersTheSameBytesAndChangesNothing() {
        ledger.registerWithAllTerms("same");
        String request = share("same-1", "same", 300_000, 20, 1, "Étude hebdomadaire – 📊 \"quoted\"");
        Answer original = ledger.share(request);
        assertThat(original.status()).as("%s", original).isEqualTo(201);
        long events = eventsOf("same");
        String quota = ledger.quota("same").body();

        for (int repeat = 0; repeat < 3; repeat++) {
            Answer again = ledger.share(request);
            assertThat(again.status()).isEqualTo(201);
            assertThat(again.body()).isEqualTo(original.body());
        }
        assertThat(eventsOf("same")).isEqualTo(events);
        assertThat(ledger.quota("same").body()).isEqualTo(quota);

        ledger.advanceClock("P1D");
        assertThat(ledger.share(share("same-2", "same", 100_000)).status()).isEqualTo(201);
        Answer later = ledger.share(request);
        assertThat(later.status()).isEqualTo(201);
        assertThat(later.body()).as("the quota as it was decided, not as it is now").isEqualTo(original.body());
        assertThat(requestLogRows("same-1")).isEqualTo(1);
    }

    @Test
    void aRepeatedDenialStaysDeniedEvenOnceTheShareWouldFit() {
        ledger.registerWithAllTerms("full");
        assertThat(ledger.share(share("full-1", "full", 1_500_000)).status()).isEqualTo(201);
        String request = share("full-2", "full", 1);
        Answer denied = ledger.share(request);
        assertProblem(denied, 429, "ROLLING_LIMIT_EXCEEDED");

        ledger.advanceClock("P30D");
        String quotaAfterRelease = ledger.quota("full").body();
        Answer again = ledger.share(request);
        assertThat(again.status()).isEqualTo(429);
        assertThat(again.body()).isEqualTo(denied.body());
        assertThat(ledger.quota("full").body()).as("the repeat granted nothing").isEqualTo(quotaAfterRelease);

        Answer tooLarge = ledger.share(share("full-3", "full", 1_500_001));
        assertProblem(tooLarge, 422, "REQUEST_EXCEEDS_LIMIT");
        Answer tooLargeAgain = ledger.share(share("full-3", "full", 1_500_001));
        assertThat(tooLargeAgain.status()).isEqualTo(422);
        assertThat(tooLargeAgain.body()).isEqualTo(tooLarge.body());
    }

    @Test
    void aShareDeniedForMissingTermsStaysDeniedAfterTheTermsAreAccepted() {
        assertThat(ledger.post("/api/v1/recipients", Requests.registration("late")).status()).isEqualTo(201);
        String request = share("late-1", "late", 10);
        Answer denied = ledger.share(request);
        assertProblem(denied, 422, "TERMS_NOT_ACCEPTED");

        assertThat(ledger.post("/api/v1/recipients/late/terms-acceptances", Requests.allTerms()).status())
                .isEqualTo(201);
        Answer again = ledger.share(request);
        assertThat(again.status()).isEqualTo(422);
        assertThat(again.body()).isEqualTo(denied.body());
        assertThat(ledger.share(share("late-2", "late", 10)).status()).as("a new requestId is decided anew")
                .isEqualTo(201);
    }

    @Test
    void aRequestIdSentWithOtherContentIsRefusedAndDecidesNothing() {
        ledger.registerWithAllTerms("first");
        ledger.registerWithAllTerms("second");
        String request = share("taken", "first", 1_000, 0, 0, "export");
        Answer original = ledger.share(request);
        assertThat(original.status()).isEqualTo(201);
        long eventsOfSecond = eventsOf("second");

        for (String other : new String[]{
                share("taken", "first", 1_001, 0, 0, "export"),
                share("taken", "first", 1_000, 1, 0, "export"),
                share("taken", "first", 1_000, 0, 1, "export"),
                share("taken", "first", 1_000, 0, 0, "other export"),
                share("taken", "first", 1_000, 0, 0, null),
                share("taken", "second", 1_000, 0, 0, "export"),
                share("taken", "nobody", 1_000, 0, 0, "export")}) {
            Answer reused = ledger.share(other);
            assertThat(assertProblem(reused, 409, "REQUEST_ID_REUSED").path("requestId").asText())
                    .as("answer to %s", other).isEqualTo("taken");
        }

        assertThat(eventsOf("second")).as("nothing was decided for the other recipient").isEqualTo(eventsOfSecond);
        assertThat(ledger.quota("second").json().path("postIds").path("used").asLong()).isZero();
        assertThat(ledger.quota("first").json().path("postIds").path("used").asLong()).isEqualTo(1_000);
        Answer again = ledger.share(request);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(original.body());
    }

    @Test
    void aDeniedRequestIdIsTakenToo() {
        ledger.registerWithAllTerms("taken-by-denial");
        assertProblem(ledger.share(share("denied-once", "taken-by-denial", 1_500_001)), 422, "REQUEST_EXCEEDS_LIMIT");
        assertProblem(ledger.share(share("denied-once", "taken-by-denial", 1)), 409, "REQUEST_ID_REUSED");
        assertThat(ledger.quota("taken-by-denial").json().path("postIds").path("used").asLong()).isZero();
    }

    private long eventsOf(String recipientId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Long.class, recipientId);
    }

    private long requestLogRows(String requestId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM request_log WHERE request_id = ?", Long.class, requestId);
    }
}

package com.quotaledger.terms;

import com.quotaledger.ledger.MutableClock;
import com.quotaledger.policy.TermsPolicy;
import com.quotaledger.terms.api.PublishTermsVersionCommand;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsVersion;
import com.quotaledger.terms.api.TermsVersionPublishedEvent;
import com.quotaledger.terms.api.TermsVersionRefusedException.Refusal;
import com.quotaledger.terms.api.TermsVersionRefusedException;
import com.quotaledger.terms.api.TermsVersionWithdrawnEvent;
import com.quotaledger.terms.api.WithdrawTermsVersionCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.quotaledger.terms.api.TermsDocument.DEVELOPER_POLICY;
import static com.quotaledger.terms.api.TermsDocument.PRIVACY_POLICY;
import static org.axonframework.test.matchers.Matchers.matches;

class TheCatalogRecordsEachVersionOnceInTheOrderTheyTakeEffect {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant JANUARY = Instant.parse("2027-01-01T00:00:00Z");
    private static final Duration NOTICE = Duration.ofMinutes(10);
    private static final String OFFICER = "officer@example.com";

    private final MutableClock clock = MutableClock.at(NOW);
    private final AggregateTestFixture<TermsCatalog> fixture = new AggregateTestFixture<>(TermsCatalog.class);

    TheCatalogRecordsEachVersionOnceInTheOrderTheyTakeEffect() {
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(new TermsPolicy(Map.of(PRIVACY_POLICY, "2024-09"), NOTICE));
    }

    @Test
    void theFirstVersionCreatesTheCatalog() {
        fixture.givenNoPriorActivity()
                .when(publish(DEVELOPER_POLICY, "2027-01", JANUARY))
                .expectEvents(published(DEVELOPER_POLICY, "2027-01", JANUARY, NOW))
                .expectResultMessagePayload(new TermsVersion(DEVELOPER_POLICY, "2027-01", JANUARY));
    }

    @Test
    void theSameVersionAgainChangesNothingAndAnswersAsBefore() {
        fixture.given(published(DEVELOPER_POLICY, "2027-01", JANUARY, NOW.minusSeconds(5)))
                .when(publish(DEVELOPER_POLICY, "2027-01", JANUARY))
                .expectNoEvents()
                .expectResultMessagePayload(new TermsVersion(DEVELOPER_POLICY, "2027-01", JANUARY));
    }

    @Test
    void aKnownVersionTakingEffectAtAnotherInstantIsRefused() {
        fixture.given(published(DEVELOPER_POLICY, "2027-01", JANUARY, NOW.minusSeconds(5)))
                .when(publish(DEVELOPER_POLICY, "2027-01", JANUARY.plus(Duration.ofDays(1))))
                .expectNoEvents()
                .expectException(refused(Refusal.VERSION_EXISTS));
    }

    @Test
    void theConfiguredVersionIsKnownToo() {
        fixture.givenNoPriorActivity()
                .when(publish(PRIVACY_POLICY, "2024-09", JANUARY))
                .expectNoEvents()
                .expectException(refused(Refusal.VERSION_EXISTS));
    }

    @Test
    void aVersionMustTakeEffectAfterTheLatestOfItsDocument() {
        fixture.given(published(DEVELOPER_POLICY, "2027-01", JANUARY, NOW.minusSeconds(5)))
                .when(publish(DEVELOPER_POLICY, "2026-12", JANUARY))
                .expectNoEvents()
                .expectException(refused(Refusal.NOT_AFTER_LATEST));
    }

    @Test
    void anotherDocumentHasAnOrderOfItsOwn() {
        Instant december = Instant.parse("2026-12-01T00:00:00Z");
        fixture.given(published(DEVELOPER_POLICY, "2027-01", JANUARY, NOW.minusSeconds(5)))
                .when(publish(PRIVACY_POLICY, "2026-12", december))
                .expectEvents(published(PRIVACY_POLICY, "2026-12", december, NOW));
    }

    @Test
    void aVersionTakesEffectNoSoonerThanTheNotice() {
        fixture.givenNoPriorActivity()
                .when(publish(DEVELOPER_POLICY, "2027-01", NOW.plus(NOTICE).minusMillis(1)))
                .expectNoEvents()
                .expectException(refused(Refusal.TOO_SOON));
        fixture.givenNoPriorActivity()
                .when(publish(DEVELOPER_POLICY, "2027-01", NOW.plus(NOTICE)))
                .expectEvents(published(DEVELOPER_POLICY, "2027-01", NOW.plus(NOTICE), NOW));
    }

    @Test
    void aVersionRecordedByMistakeIsWithdrawnWithTheSameNoticeAndItsNameIsFreeAgain() {
        Instant february = JANUARY.plus(Duration.ofDays(31));
        fixture.given(published(DEVELOPER_POLICY, "2027-01", JANUARY, NOW.minusSeconds(5)))
                .when(withdraw(DEVELOPER_POLICY, "2027-01"))
                .expectEvents(new TermsVersionWithdrawnEvent(DEVELOPER_POLICY, "2027-01", OFFICER, NOW));
        fixture.given(published(DEVELOPER_POLICY, "2027-01", JANUARY, NOW.minusSeconds(5)),
                        new TermsVersionWithdrawnEvent(DEVELOPER_POLICY, "2027-01", OFFICER, NOW.minusSeconds(1)))
                .when(publish(DEVELOPER_POLICY, "2027-01", february))
                .expectEvents(published(DEVELOPER_POLICY, "2027-01", february, NOW));
    }

    @Test
    void withdrawingAgainChangesNothingAndAnUnknownVersionIsNotFound() {
        fixture.given(published(DEVELOPER_POLICY, "2027-01", JANUARY, NOW.minusSeconds(5)),
                        new TermsVersionWithdrawnEvent(DEVELOPER_POLICY, "2027-01", OFFICER, NOW.minusSeconds(1)))
                .when(withdraw(DEVELOPER_POLICY, "2027-01"))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution();
        fixture.given(published(DEVELOPER_POLICY, "2027-01", JANUARY, NOW.minusSeconds(5)))
                .when(withdraw(PRIVACY_POLICY, "2024-09"))
                .expectNoEvents()
                .expectException(refused(Refusal.NOT_FOUND));
    }

    @Test
    void nothingRecordedYetNothingCanBeWithdrawn() {
        fixture.givenNoPriorActivity()
                .when(withdraw(DEVELOPER_POLICY, "2027-01"))
                .expectNoEvents()
                .expectException(refused(Refusal.NOT_FOUND));
    }

    @Test
    void aVersionTakingEffectSoonerThanTheNoticeOrInForceCannotBeWithdrawn() {
        fixture.given(published(DEVELOPER_POLICY, "2027-01", NOW.plus(NOTICE).minusMillis(1), NOW.minusSeconds(600)))
                .when(withdraw(DEVELOPER_POLICY, "2027-01"))
                .expectNoEvents()
                .expectException(refused(Refusal.TOO_LATE));
        fixture.given(published(DEVELOPER_POLICY, "2027-01", NOW.plus(NOTICE), NOW.minusSeconds(600)))
                .when(withdraw(DEVELOPER_POLICY, "2027-01"))
                .expectEvents(new TermsVersionWithdrawnEvent(DEVELOPER_POLICY, "2027-01", OFFICER, NOW));
    }

    @Test
    void afterAWithdrawalTheOrderIsThatOfTheVersionsLeft() {
        Instant december = Instant.parse("2026-12-15T00:00:00Z");
        fixture.given(published(DEVELOPER_POLICY, "2027-01", JANUARY, NOW.minusSeconds(5)),
                        new TermsVersionWithdrawnEvent(DEVELOPER_POLICY, "2027-01", OFFICER, NOW.minusSeconds(1)))
                .when(publish(DEVELOPER_POLICY, "2026-12", december))
                .expectEvents(published(DEVELOPER_POLICY, "2026-12", december, NOW));
    }

    private static WithdrawTermsVersionCommand withdraw(TermsDocument document, String version) {
        return new WithdrawTermsVersionCommand(document, version, OFFICER);
    }

    private static PublishTermsVersionCommand publish(TermsDocument document,
                                                      String version, Instant effectiveFrom) {
        return new PublishTermsVersionCommand(document, version, effectiveFrom, OFFICER);
    }

    private static TermsVersionPublishedEvent published(TermsDocument document,
                                                        String version, Instant effectiveFrom, Instant at) {
        return new TermsVersionPublishedEvent(document, version, effectiveFrom, OFFICER, at);
    }

    private static Matcher<TermsVersionRefusedException> refused(Refusal refusal) {
        return matches(exception -> exception.refusal() == refusal && !exception.getMessage().isBlank());
    }
}

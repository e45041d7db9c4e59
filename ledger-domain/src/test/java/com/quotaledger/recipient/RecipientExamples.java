package com.quotaledger.recipient;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.Exemptions;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.recipient.api.DescribeRecipientCommand;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.PersonJoinedRecipientEvent;
import com.quotaledger.recipient.api.PersonLeftRecipientEvent;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RecipientRegisteredEvent;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.recipient.api.TermsAcceptedEvent;
import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsInForce;
import com.quotaledger.terms.api.TermsVersions;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.test.matchers.Matchers.matches;

/**
 * One recipient and the commands, events and quotas its tests talk about, with every detail that does not matter
 * fixed.
 */
final class RecipientExamples {

    static final String RECIPIENT_ID = "acme-research";
    static final String NAME = "ACME Research Ltd";
    static final RecipientKind KIND = RecipientKind.COMPANY;
    static final String ACCEPTED_BY = "legal@acme.example";
    static final String TERMS_VERSION = "2024-11";
    static final String PURPOSE = "model evaluation";
    static final String PERSON_ID = "ada@acme.example";
    static final String OTHER_PERSON_ID = "grace@acme.example";

    static final Instant REGISTERED_AT = Instant.parse("2025-03-01T09:00:00Z");
    static final long LIMIT = RedistributionPolicy.DEFAULT_ROLLING_LIMIT;
    static final Duration WINDOW = RedistributionPolicy.DEFAULT_ROLLING_WINDOW;
    static final Exemptions NO_EXEMPTIONS = new Exemptions(List.of(), List.of(), List.of());

    private RecipientExamples() {
    }

    static AggregateTestFixture<RecipientEntity> recipientFixture(Clock clock) {
        return recipientFixture(clock, RedistributionPolicy.defaults());
    }

    static AggregateTestFixture<RecipientEntity> recipientFixture(Clock clock, RedistributionPolicy policy) {
        return recipientFixture(clock, policy, TermsVersions::none);
    }

    static AggregateTestFixture<RecipientEntity> recipientFixture(Clock clock, RedistributionPolicy policy,
                                                                  TermsInForce terms) {
        AggregateTestFixture<RecipientEntity> fixture = new AggregateTestFixture<>(RecipientEntity.class);
        fixture.registerInjectableResource(clock);
        fixture.registerInjectableResource(policy);
        fixture.registerInjectableResource(terms);
        return fixture;
    }

    static RedistributionPolicy policyCounting(IdKind first, IdKind... more) {
        return new RedistributionPolicy(LIMIT, WINDOW, EnumSet.of(first, more));
    }

    static RedistributionPolicy policyWithLimit(long rollingLimit) {
        return new RedistributionPolicy(rollingLimit, WINDOW, EnumSet.of(IdKind.POST));
    }

    static RegisterRecipientCommand register() {
        return new RegisterRecipientCommand(RECIPIENT_ID, NAME, KIND);
    }

    static AcceptTermsCommand acceptTerms(TermsDocument... documents) {
        return new AcceptTermsCommand(RECIPIENT_ID, ACCEPTED_BY, versions(documents));
    }

    static DescribeRecipientCommand describe() {
        return new DescribeRecipientCommand(RECIPIENT_ID);
    }

    static ShareIdsCommand share(long postIds) {
        return share(posts(postIds));
    }

    /** A share whose ids name it, so that two shares of the same counts are the same request. */
    static ShareIdsCommand share(IdCounts ids) {
        return share(null, ids, ShareBasis.STANDARD);
    }

    /** A standard share to the entity for one of its persons. */
    static ShareIdsCommand shareFor(String personId, long postIds) {
        return share(personId, posts(postIds), ShareBasis.STANDARD);
    }

    static ShareIdsCommand academicShare(String approvalId, IdCounts ids) {
        return share(null, ids, ShareBasis.academicApproval(approvalId));
    }

    static ShareIdsCommand dsaShare(String accessId, IdCounts ids) {
        return share(null, ids, ShareBasis.dsaAccess(accessId));
    }

    /** A share named by everything it asks for, so that two shares asking the same are the same request. */
    static ShareIdsCommand share(String personId, IdCounts ids, ShareBasis basis) {
        String name = ids.postIds() + "p-" + ids.userIds() + "u-" + ids.directMessageIds() + "d"
                + (personId == null ? "" : "-for-" + personId)
                + switch (basis.type()) {
                    case STANDARD -> "";
                    case ACADEMIC_APPROVAL -> "-academic-" + basis.approvalId();
                    case DSA_ARTICLE_40 -> "-dsa-" + basis.accessId();
                };
        return new ShareIdsCommand(new ShareRequest("request-" + name, RECIPIENT_ID, personId, ids, basis, PURPOSE),
                "share-" + name);
    }

    static IdCounts posts(long postIds) {
        return new IdCounts(postIds, 0, 0);
    }

    static IdCounts ids(long postIds, long userIds, long directMessageIds) {
        return new IdCounts(postIds, userIds, directMessageIds);
    }

    static RecipientRegisteredEvent registered() {
        return new RecipientRegisteredEvent(RECIPIENT_ID, NAME, KIND, REGISTERED_AT);
    }

    static PersonJoinedRecipientEvent personJoined(String personId, Instant at) {
        return new PersonJoinedRecipientEvent(RECIPIENT_ID, personId, at);
    }

    static PersonLeftRecipientEvent personLeft(String personId, Instant at) {
        return new PersonLeftRecipientEvent(RECIPIENT_ID, personId, at);
    }

    static TermsAcceptedEvent allTermsAccepted() {
        return termsAccepted(REGISTERED_AT, TermsDocument.values());
    }

    static TermsAcceptedEvent termsAccepted(Instant at, TermsDocument... documents) {
        return new TermsAcceptedEvent(RECIPIENT_ID, ACCEPTED_BY, versions(documents), at);
    }

    /** The grant of {@code share}, decided when {@code after} was taken. */
    static ShareGrantedEvent granted(ShareIdsCommand share, QuotaBuilder after) {
        Quota quota = after.build();
        return new ShareGrantedEvent(share.request(), share.shareId(), quota.asOf(), quota, null);
    }

    /** The grant of a share under an academic approval: the quota as it was, the approval after drawing on it. */
    static ShareGrantedEvent granted(ShareIdsCommand share, QuotaBuilder unchanged, AcademicApproval approvalAfter) {
        Quota quota = unchanged.build();
        return new ShareGrantedEvent(share.request(), share.shareId(), quota.asOf(), quota, approvalAfter);
    }

    static ShareDeniedEvent denied(ShareIdsCommand share, DenialReason reason, QuotaBuilder quota) {
        return denied(share, reason, quota, null);
    }

    /** A denial that names the academic approval as it stood. */
    static ShareDeniedEvent denied(ShareIdsCommand share, DenialReason reason, QuotaBuilder quota,
                                   AcademicApproval approval) {
        Quota unchanged = quota.build();
        return new ShareDeniedEvent(share.request(), reason, unchanged.asOf(), null, unchanged, approval);
    }

    static ShareDeniedEvent deniedUntil(ShareIdsCommand share, Instant retryAt, QuotaBuilder quota) {
        Quota unchanged = quota.build();
        return new ShareDeniedEvent(share.request(), DenialReason.ROLLING_LIMIT_EXCEEDED, unchanged.asOf(), retryAt,
                unchanged, null);
    }

    /** A quota as of {@code asOf} under the default policy: nothing used and nothing to release, until told. */
    static QuotaBuilder quotaAt(Instant asOf) {
        return new QuotaBuilder(asOf);
    }

    /** What describing the recipient of {@link #history()} shows at {@code asOf}. */
    static RecipientView viewOfHistory(Instant asOf, QuotaBuilder quota, IdCounts idsInWindow) {
        Map<TermsDocument, AcceptedTerms> accepted = new EnumMap<>(TermsDocument.class);
        for (TermsDocument document : TermsDocument.values()) {
            accepted.put(document, new AcceptedTerms(TERMS_VERSION, ACCEPTED_BY, REGISTERED_AT));
        }
        return new RecipientView(RECIPIENT_ID, NAME, KIND, REGISTERED_AT, accepted, true, Set.of(), asOf,
                quota.build(), idsInWindow, NO_EXEMPTIONS);
    }

    /** A described recipient whose post ID quota is {@code quota}. */
    static Matcher<RecipientView> viewWithQuota(QuotaBuilder quota) {
        Quota expected = quota.build();
        return matches((RecipientView view) -> view.postIds().equals(expected));
    }

    /** A registered recipient that has accepted no terms, under the default policy. */
    static RecipientHistory historyWithoutTerms() {
        return RecipientHistory.registeredWithoutTerms(RedistributionPolicy.defaults());
    }

    /** A registered recipient that accepted all terms at {@link #REGISTERED_AT}, under the default policy. */
    static RecipientHistory history() {
        return RecipientHistory.registeredWithAllTermsAccepted(RedistributionPolicy.defaults());
    }

    static RecipientHistory history(RedistributionPolicy policy) {
        return RecipientHistory.registeredWithAllTermsAccepted(policy);
    }

    private static Map<TermsDocument, String> versions(TermsDocument... documents) {
        Map<TermsDocument, String> versions = new EnumMap<>(TermsDocument.class);
        Arrays.stream(documents).forEach(document -> versions.put(document, TERMS_VERSION));
        return versions;
    }

    static final class QuotaBuilder {

        private final Instant asOf;
        private long limit = LIMIT;
        private String limitSource = Quota.DEFAULT_LIMIT_SOURCE;
        private long used;
        private Instant nextReleaseAt;
        private long nextReleaseAmount;
        private long reserved;

        private QuotaBuilder(Instant asOf) {
            this.asOf = asOf;
        }

        QuotaBuilder limit(long rollingLimit) {
            this.limit = rollingLimit;
            return this;
        }

        /** The limit of a written permission in force at {@code asOf}. */
        QuotaBuilder limitFrom(String permissionId, long postIdLimit) {
            this.limit = postIdLimit;
            this.limitSource = permissionId;
            return this;
        }

        QuotaBuilder used(long countedIds) {
            this.used = countedIds;
            return this;
        }

        /** What open reservations hold at {@code asOf}. */
        QuotaBuilder reserved(long countedIds) {
            this.reserved = countedIds;
            return this;
        }

        QuotaBuilder releasing(long countedIds, Instant at) {
            this.nextReleaseAmount = countedIds;
            this.nextReleaseAt = at;
            return this;
        }

        Quota build() {
            return new Quota(limit, limitSource, used, Math.max(0, limit - used - reserved), WINDOW,
                    asOf.minus(WINDOW), asOf, nextReleaseAt, nextReleaseAmount, reserved);
        }
    }
}

package com.quotaledger.recipient;

import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.AcademicApprovalGrantedEvent;
import com.quotaledger.exemption.api.DsaAccess;
import com.quotaledger.exemption.api.DsaAccessGrantedEvent;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.exemption.api.ExemptionRevokedEvent;
import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.exemption.api.LimitPermissionGrantedEvent;
import com.quotaledger.ledger.BruteForceLedger;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.recipient.RecipientExamples.RECIPIENT_ID;
import static com.quotaledger.recipient.RecipientExamples.allTermsAccepted;
import static com.quotaledger.recipient.RecipientExamples.posts;
import static com.quotaledger.recipient.RecipientExamples.registered;
import static com.quotaledger.recipient.RecipientExamples.share;

/**
 * The past events of one recipient, for a test's "given". Each past share carries the decision and quota that the
 * rules give it, worked out by {@link BruteForceLedger}, so a history reads as a list of shares and stays consistent.
 */
final class RecipientHistory {

    private final BruteForceLedger rules;
    private final boolean termsAccepted;
    private final List<Object> events = new ArrayList<>();

    private RecipientHistory(RedistributionPolicy policy, boolean termsAccepted) {
        this.rules = new BruteForceLedger(policy);
        this.termsAccepted = termsAccepted;
    }

    static RecipientHistory registeredWithAllTermsAccepted(RedistributionPolicy policy) {
        RecipientHistory history = new RecipientHistory(policy, true);
        history.events.add(registered());
        history.events.add(allTermsAccepted());
        return history;
    }

    static RecipientHistory registeredWithoutTerms(RedistributionPolicy policy) {
        RecipientHistory history = new RecipientHistory(policy, false);
        history.events.add(registered());
        return history;
    }

    RecipientHistory granted(Instant at, long postIds) {
        return granted(at, posts(postIds));
    }

    RecipientHistory granted(Instant at, IdCounts ids) {
        return granted(at, share(ids));
    }

    RecipientHistory granted(Instant at, ShareIdsCommand share) {
        ShareDecision decision = shared(at, share);
        if (!(decision instanceof ShareGrantedEvent)) {
            throw new IllegalArgumentException("this history cannot hold a grant of " + share.request() + " at " + at
                    + ": the rules deny it, " + decision);
        }
        return this;
    }

    /** A share denied at {@code at}, for whatever reason the rules give. */
    RecipientHistory denied(Instant at, long postIds) {
        return denied(at, share(posts(postIds)));
    }

    RecipientHistory denied(Instant at, ShareIdsCommand share) {
        ShareDecision decision = shared(at, share);
        if (decision instanceof ShareGrantedEvent) {
            throw new IllegalArgumentException("the rules grant " + share.request() + " at " + at);
        }
        return this;
    }

    RecipientHistory personJoined(Instant at, String personId) {
        rules.personJoined(at, personId);
        events.add(RecipientExamples.personJoined(personId, at));
        return this;
    }

    RecipientHistory personLeft(Instant at, String personId) {
        rules.personLeft(at, personId);
        events.add(RecipientExamples.personLeft(personId, at));
        return this;
    }

    RecipientHistory approvalGranted(AcademicApproval approval) {
        require(rules.grantAcademicApproval(approval), approval);
        events.add(new AcademicApprovalGrantedEvent(RECIPIENT_ID, approval));
        return this;
    }

    RecipientHistory accessGranted(DsaAccess access) {
        require(rules.grantDsaAccess(access), access);
        events.add(new DsaAccessGrantedEvent(RECIPIENT_ID, access));
        return this;
    }

    RecipientHistory permissionGranted(LimitPermission permission) {
        require(rules.grantLimitPermission(permission), permission);
        events.add(new LimitPermissionGrantedEvent(RECIPIENT_ID, permission));
        return this;
    }

    RecipientHistory revoked(ExemptionKind kind, String exemptionId, Instant at) {
        if (rules.revoke(kind, exemptionId, at) != BruteForceLedger.Revocation.REVOKED) {
            throw new IllegalArgumentException("this history cannot revoke " + kind + " " + exemptionId);
        }
        events.add(new ExemptionRevokedEvent(RECIPIENT_ID, kind, exemptionId, at));
        return this;
    }

    List<Object> events() {
        return List.copyOf(events);
    }

    private ShareDecision shared(Instant at, ShareIdsCommand share) {
        ShareDecision decision = rules.decide(at, termsAccepted, share.request(), share.shareId());
        events.add(decision);
        return decision;
    }

    private static void require(boolean granted, Object exemption) {
        if (!granted) {
            throw new IllegalArgumentException("this history holds an exemption with the id of " + exemption);
        }
    }
}

package com.quotaledger.recipient;

import com.quotaledger.ledger.BruteForceLedger;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.ShareDecision;
import com.quotaledger.recipient.api.ShareGrantedEvent;
import com.quotaledger.recipient.api.ShareIdsCommand;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    private final List<Object> events = new ArrayList<>();

    private RecipientHistory(RedistributionPolicy policy) {
        this.rules = new BruteForceLedger(policy);
    }

    static RecipientHistory registeredWithAllTermsAccepted(RedistributionPolicy policy) {
        RecipientHistory history = new RecipientHistory(policy);
        history.events.add(registered());
        history.events.add(allTermsAccepted());
        return history;
    }

    RecipientHistory granted(Instant at, long postIds) {
        return granted(at, posts(postIds));
    }

    RecipientHistory granted(Instant at, IdCounts ids) {
        ShareDecision decision = shared(at, ids);
        if (!(decision instanceof ShareGrantedEvent)) {
            throw new IllegalArgumentException("this history cannot hold a grant of " + ids + " at " + at
                    + ": the rules deny it, " + decision);
        }
        return this;
    }

    /** A share denied at {@code at}, for whatever reason the rules give. */
    RecipientHistory denied(Instant at, long postIds) {
        ShareDecision decision = shared(at, posts(postIds));
        if (decision instanceof ShareGrantedEvent) {
            throw new IllegalArgumentException("the rules grant " + postIds + " post IDs at " + at);
        }
        return this;
    }

    List<Object> events() {
        return List.copyOf(events);
    }

    private ShareDecision shared(Instant at, IdCounts ids) {
        ShareIdsCommand share = share(ids);
        ShareDecision decision = rules.decide(at, true, share.request(), share.shareId());
        events.add(decision);
        return decision;
    }
}

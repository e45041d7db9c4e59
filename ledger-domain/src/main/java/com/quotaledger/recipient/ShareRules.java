package com.quotaledger.recipient;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.decision.Rule;
import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.recipient.api.BasisType;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.terms.api.OutdatedTerms;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static com.quotaledger.decision.Rule.require;

/**
 * The rules a share must pass, per basis, in the order they are checked. The first rule that fails gives the reason
 * for the denial; a share that passes them all is granted.
 */
final class ShareRules {

    /**
     * What the rules look at, all taken at one instant ({@code decidedAt}) before anything changes. {@code fitsAt}
     * is, for a standard share, the first instant from {@code decidedAt} on at which the IDs it counts fit under the
     * limit in force then, as the window and the recorded permissions stand, and null if they never do;
     * {@code outdatedTerms} are the accepted documents older than the versions in force; {@code exemptionFound} and
     * {@code exemptionValid} describe the approval or access the basis names;
     * {@code approval} is the academic approval, when the basis names one the recipient has.
     */
    record ShareContext(BasisType basis,
                        Instant decidedAt,
                        boolean termsAccepted,
                        List<OutdatedTerms> outdatedTerms,
                        boolean personAffiliated,
                        IdCounts ids,
                        Instant fitsAt,
                        boolean exemptionFound,
                        boolean exemptionValid,
                        AcademicApproval approval) {
    }

    private ShareRules() {
    }

    static List<Rule<ShareContext>> allCurrentRules(BasisType basis) {
        return switch (basis) {
            case STANDARD -> List.of(termsAccepted(), termsCurrent(), personAffiliated(), fitsAtSomeInstant(),
                    fitsRollingWindow());
            case ACADEMIC_APPROVAL -> List.of(termsAccepted(), termsCurrent(), personAffiliated(), exemptionFound(),
                    approvalCoversOnlyPostAndUserIds(), exemptionValid(), withinApprovedBudget());
            // Researchers with access under DSA Art. 40 are outside the redistribution section, terms included.
            case DSA_ARTICLE_40 -> List.of(personAffiliated(), exemptionFound(), exemptionValid());
        };
    }

    static Optional<DenialReason> firstDenial(ShareContext share) {
        return Rule.firstDenial(allCurrentRules(share.basis()), share);
    }

    /** Third parties must agree to all four documents before they receive anything. */
    static Rule<ShareContext> termsAccepted() {
        return require(ShareContext::termsAccepted, DenialReason.TERMS_NOT_ACCEPTED);
    }

    /** What was accepted must be the version in force, or a later one: a revision must be accepted again. */
    static Rule<ShareContext> termsCurrent() {
        return require(share -> share.outdatedTerms().isEmpty(), DenialReason.TERMS_OUTDATED);
    }

    /** A share that names a person counts against that person's entity, so the person must belong to it. */
    static Rule<ShareContext> personAffiliated() {
        return require(ShareContext::personAffiliated, DenialReason.PERSON_NOT_AFFILIATED);
    }

    /**
     * A request that fits at no instant from now on, under the limits and permissions recorded, could never be
     * granted however long the client waits; one that fits later, even only once a permission starts, is worth a
     * retry.
     */
    static Rule<ShareContext> fitsAtSomeInstant() {
        return require(share -> share.fitsAt() != null, DenialReason.REQUEST_EXCEEDS_LIMIT);
    }

    /**
     * Granted iff used(t) + n <= limit(t), or n = 0: the window never holds more than the limit because of a grant. A
     * share that counts nothing adds nothing, so it is granted even while a lowered limit leaves the window above it.
     */
    static Rule<ShareContext> fitsRollingWindow() {
        return require(share -> !share.fitsAt().isAfter(share.decidedAt()), DenialReason.ROLLING_LIMIT_EXCEEDED);
    }

    static Rule<ShareContext> exemptionFound() {
        return require(ShareContext::exemptionFound, DenialReason.APPROVAL_NOT_FOUND);
    }

    /** Valid on the ledger's clock in [validFrom, validUntil), and not revoked. */
    static Rule<ShareContext> exemptionValid() {
        return require(ShareContext::exemptionValid, DenialReason.APPROVAL_NOT_VALID);
    }

    /** Academic researchers may distribute Post IDs and User IDs, nothing else. */
    static Rule<ShareContext> approvalCoversOnlyPostAndUserIds() {
        return require(share -> share.ids().directMessageIds() == 0, DenialReason.BASIS_DOES_NOT_COVER_DM_IDS);
    }

    /** Only as many IDs as X approved: a total budget, not a rolling window. */
    static Rule<ShareContext> withinApprovedBudget() {
        return require(share -> share.approval().covers(share.ids().postIds(), share.ids().userIds()),
                DenialReason.APPROVAL_EXHAUSTED);
    }
}

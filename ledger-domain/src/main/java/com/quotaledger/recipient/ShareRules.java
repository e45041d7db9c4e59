package com.quotaledger.recipient;

import com.quotaledger.recipient.api.DenialReason;
import com.quotaledger.recipient.api.Quota;

import java.util.List;
import java.util.Optional;

/**
 * The rules a share must pass, in the order they are checked. The first rule that fails gives the reason for the
 * denial; a share that passes them all is granted.
 */
final class ShareRules {

    /** What the rules look at: everything is decided at one instant, before anything changes. */
    record ShareContext(boolean termsAccepted, long requestedIds, Quota quota) {
    }

    @FunctionalInterface
    interface ShareRule {
        Optional<DenialReason> check(ShareContext share);
    }

    private ShareRules() {
    }

    static List<ShareRule> allCurrentRules() {
        return List.of(termsAccepted(), requestWithinLimit(), fitsRollingWindow());
    }

    static Optional<DenialReason> firstDenial(ShareContext share) {
        for (ShareRule rule : allCurrentRules()) {
            Optional<DenialReason> denial = rule.check(share);
            if (denial.isPresent()) {
                return denial;
            }
        }
        return Optional.empty();
    }

    /** Third parties must agree to all four documents before they receive anything. */
    static ShareRule termsAccepted() {
        return share -> share.termsAccepted() ? Optional.empty() : Optional.of(DenialReason.TERMS_NOT_ACCEPTED);
    }

    /** A request larger than the limit itself could never be granted, however long the client waits. */
    static ShareRule requestWithinLimit() {
        return share -> share.requestedIds() > share.quota().limit()
                ? Optional.of(DenialReason.REQUEST_EXCEEDS_LIMIT)
                : Optional.empty();
    }

    /** Granted iff used(t) + n <= limit: the window never holds more than the limit. */
    static ShareRule fitsRollingWindow() {
        return share -> Math.addExact(share.quota().used(), share.requestedIds()) > share.quota().limit()
                ? Optional.of(DenialReason.ROLLING_LIMIT_EXCEEDED)
                : Optional.empty();
    }
}

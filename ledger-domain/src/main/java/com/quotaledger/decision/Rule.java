package com.quotaledger.decision;

import java.util.List;
import java.util.Optional;

/**
 * One rule of the policy, looking at everything a decision depends on. Rules are small named functions, listed in
 * the order they are checked; the first that fails gives the reason for a denial.
 *
 * @param <C> what the rule looks at, taken at one instant before anything changes
 */
@FunctionalInterface
public interface Rule<C> {

    Optional<DenialReason> check(C context);

    static <C> Optional<DenialReason> firstDenial(List<Rule<C>> rules, C context) {
        for (Rule<C> rule : rules) {
            Optional<DenialReason> denial = rule.check(context);
            if (denial.isPresent()) {
                return denial;
            }
        }
        return Optional.empty();
    }

    /** A rule that denies for {@code reason} unless {@code condition} holds. */
    static <C> Rule<C> require(java.util.function.Predicate<C> condition, DenialReason reason) {
        return context -> condition.test(context) ? Optional.empty() : Optional.of(reason);
    }
}

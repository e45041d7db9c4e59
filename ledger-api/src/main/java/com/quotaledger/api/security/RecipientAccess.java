package com.quotaledger.api.security;

import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.ProblemReason;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Refuses a request for a recipient outside the caller's {@link RecipientScope}, whichever transport it came by. The
 * security filters check the recipient or person a path names ({@link RecipientScopeFilter}); a request that names
 * it in its body (a share, an export, a registration) is checked here by its decision service, which the Kafka bridge
 * calls too.
 */
@Component
public class RecipientAccess {

    private final PersonAffiliations affiliations;

    RecipientAccess(PersonAffiliations affiliations) {
        this.affiliations = affiliations;
    }

    /** @throws ApiProblem {@code FORBIDDEN_RECIPIENT} unless the caller may act for {@code recipientId} */
    public void checkRecipient(String recipientId) {
        RecipientScope scope = currentScope();
        if (!scope.allows(recipientId)) {
            throw forbidden(scope, "recipient '" + recipientId + "'").with("recipientId", recipientId);
        }
    }

    /**
     * @throws ApiProblem {@code FORBIDDEN_RECIPIENT} unless the caller may act for the recipient {@code personId} is
     *                    with now (a limited caller may act for no person who is with none); an unknown person is
     *                    left to the request, which answers that it is not found
     */
    public void checkPerson(String personId) {
        RecipientScope scope = currentScope();
        if (!scope.isLimited()) {
            return;
        }
        String recipientId;
        try {
            recipientId = affiliations.recipientOf(personId).orElse(null);
        } catch (ApiProblem unknownPerson) {
            return;
        }
        if (recipientId == null || !scope.allows(recipientId)) {
            throw forbidden(scope, "person '" + personId + "'").with("personId", personId);
        }
    }

    static ApiProblem forbidden(RecipientScope scope, String what) {
        return new ApiProblem(ProblemReason.FORBIDDEN_RECIPIENT, "The caller's token may act only for recipients "
                + scope + ", not for " + what + ".");
    }

    private static RecipientScope currentScope() {
        return RecipientScope.of(SecurityContextHolder.getContext().getAuthentication());
    }
}

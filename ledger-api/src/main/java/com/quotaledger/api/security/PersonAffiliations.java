package com.quotaledger.api.security;

import java.util.Optional;

/** Which recipient entity a person is with now, for a caller limited to recipients. */
public interface PersonAffiliations {

    /**
     * The recipient {@code personId} is affiliated with; empty if the person is with none.
     *
     * @throws com.quotaledger.api.web.ApiProblem if no such person is known (404)
     */
    Optional<String> recipientOf(String personId);
}

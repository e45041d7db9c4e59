package com.quotaledger.person.api;

/** The person is not affiliated with the recipient the request names. */
public class AffiliationNotFoundException extends RuntimeException {

    public AffiliationNotFoundException(String personId, String recipientId) {
        super("person " + personId + " is not affiliated with " + recipientId, null, false, false);
    }
}

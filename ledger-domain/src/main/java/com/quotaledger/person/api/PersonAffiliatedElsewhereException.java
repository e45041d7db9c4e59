package com.quotaledger.person.api;

/** A person is affiliated with at most one recipient entity at a time. */
public class PersonAffiliatedElsewhereException extends RuntimeException {

    private final String personId;
    private final String recipientId;

    public PersonAffiliatedElsewhereException(String personId, String recipientId) {
        super("person " + personId + " is affiliated with " + recipientId, null, false, false);
        this.personId = personId;
        this.recipientId = recipientId;
    }

    public String personId() {
        return personId;
    }

    /** The entity the person is affiliated with now. */
    public String recipientId() {
        return recipientId;
    }
}

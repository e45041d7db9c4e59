package com.quotaledger.person.api;

/** A person is registered once: whether on their own or by a first affiliation, it is known already. */
public class PersonAlreadyExistsException extends RuntimeException {

    private final String personId;

    public PersonAlreadyExistsException(String personId) {
        super("person " + personId + " is known already", null, false, false);
        this.personId = personId;
    }

    public String personId() {
        return personId;
    }
}

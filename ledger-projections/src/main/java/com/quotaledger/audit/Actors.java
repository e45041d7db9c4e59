package com.quotaledger.audit;

/** Who caused a fact: the metadata key every command and event carries. */
public final class Actors {

    public static final String ACTOR = "actor";

    private Actors() {
    }
}

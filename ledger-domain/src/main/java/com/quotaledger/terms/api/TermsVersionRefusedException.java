package com.quotaledger.terms.api;

/** A version that cannot be recorded: {@link #refusal()} says why, the message says it in words. */
public class TermsVersionRefusedException extends RuntimeException {

    public enum Refusal {
        /** The document already has this version, taking effect at another instant. */
        VERSION_EXISTS,
        /** It would take effect before, or with, a version of its document known already. */
        NOT_AFTER_LATEST,
        /** It would take effect sooner than the notice every node needs to learn of it. */
        TOO_SOON,
        /** No such version was recorded (a configured version is changed in the configuration). */
        NOT_FOUND,
        /** It is in force already, or takes effect sooner than the notice every node needs to learn of a withdrawal. */
        TOO_LATE
    }

    private final Refusal refusal;

    public TermsVersionRefusedException(Refusal refusal, String message) {
        super(message, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}

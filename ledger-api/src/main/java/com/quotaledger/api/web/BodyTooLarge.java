package com.quotaledger.api.web;


import java.io.IOException;

/** A request body went past the limit while it was read; Spring MVC reports it as {@link #problem}. */
public final class BodyTooLarge extends IOException {

    private final long maxBytes;

    public BodyTooLarge(long maxBytes) {
        super("request body too large", null);
        this.maxBytes = maxBytes;
    }

    public static ApiProblem problem(long maxBytes) {
        return new ApiProblem(ProblemReason.BODY_TOO_LARGE,
                "Request bodies may have at most " + maxBytes + " bytes.").with("maxBytes", maxBytes);
    }

    ApiProblem problem() {
        return problem(maxBytes);
    }
}

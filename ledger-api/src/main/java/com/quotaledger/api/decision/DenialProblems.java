package com.quotaledger.api.decision;

import com.quotaledger.decision.DenialReason;
import com.quotaledger.terms.api.OutdatedTerms;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** How a policy denial reads as an RFC 9457 problem: a status and a title per reason. */
public final class DenialProblems {

    private DenialProblems() {
    }

    /** 429 when waiting helps (the request fits later), 422 when it never will as it stands. */
    public static HttpStatus statusOf(DenialReason reason) {
        return switch (reason) {
            case ROLLING_LIMIT_EXCEEDED, DAILY_OBJECT_LIMIT_EXCEEDED -> HttpStatus.TOO_MANY_REQUESTS;
            default -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    public static String titleOf(DenialReason reason) {
        return switch (reason) {
            case TERMS_NOT_ACCEPTED -> "Terms not accepted";
            case TERMS_OUTDATED -> "Terms outdated";
            case REQUEST_EXCEEDS_LIMIT -> "Request exceeds the limit";
            case ROLLING_LIMIT_EXCEEDED -> "Rolling limit exceeded";
            case PERSON_NOT_AFFILIATED -> "Person not affiliated";
            case AUTOMATED_OBJECT_DELIVERY_FORBIDDEN -> "Automated object delivery forbidden";
            case NON_PUBLIC_OBJECTS_FORBIDDEN -> "Non-public objects forbidden";
            case DAILY_OBJECT_LIMIT_EXCEEDED -> "Daily object limit exceeded";
            case BASIS_DOES_NOT_COVER_DM_IDS -> "Basis does not cover Direct Message IDs";
            case APPROVAL_NOT_FOUND -> "Approval not found";
            case APPROVAL_NOT_VALID -> "Approval not valid";
            case APPROVAL_EXHAUSTED -> "Approval exhausted";
        };
    }

    /** Whole seconds from {@code now} until {@code retryAt}, rounded up, never negative: a Retry-After value. */
    public static long retryAfterSeconds(Instant now, Instant retryAt) {
        Duration remaining = Duration.between(now, retryAt);
        if (remaining.isNegative() || remaining.isZero()) {
            return 0;
        }
        return remaining.getNano() == 0 ? remaining.getSeconds() : remaining.getSeconds() + 1;
    }

    /**
     * What a {@code TERMS_OUTDATED} denial says: each document whose accepted version is older than the one in
     * force, and since when that one is.
     */
    public static String outdatedTermsDetail(String who, List<OutdatedTerms> outdated) {
        String documents = outdated.stream()
                .map(terms -> "%s '%s' (in force: '%s'%s)".formatted(terms.document(), terms.acceptedVersion(),
                        terms.currentVersion(), terms.inForceSince() == null ? "" : " since " + terms.inForceSince()))
                .collect(Collectors.joining(", "));
        return ("%s accepted versions that are no longer in force: %s. Record the acceptance of the versions in force,"
                + " then send the request again.").formatted(who, documents);
    }

    /** The problem for a denial, with the fields every denial carries. */
    public static ProblemDetail denial(DenialReason reason, String requestId, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(statusOf(reason), detail);
        problem.setTitle(titleOf(reason));
        problem.setProperty("reason", reason.name());
        problem.setProperty("requestId", requestId);
        problem.setProperty("decision", "DENIED");
        return problem;
    }
}

package com.quotaledger.api.web;

import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/**
 * Why the API refused a request, other than a policy denial ({@link com.quotaledger.decision.DenialReason}): the stable
 * {@code reason} of every problem it answers, with the status and title that go with it. Clients branch on these, so
 * a code is never renamed; the OpenAPI description lists them all.
 */
@Schema(enumAsRef = true, description = "Why the API refused a request, other than a policy denial (DenialReason).")
public enum ProblemReason {

    MALFORMED_JSON(HttpStatus.BAD_REQUEST, "Malformed JSON"),
    UNKNOWN_FIELD(HttpStatus.BAD_REQUEST, "Unknown field"),
    INVALID_FIELD(HttpStatus.BAD_REQUEST, "Invalid field"),
    INVALID_PARAMETER(HttpStatus.BAD_REQUEST, "Invalid parameter"),
    MISSING_PARAMETER(HttpStatus.BAD_REQUEST, "Missing parameter"),
    /** A request the server could not parse at all, before any endpoint saw it. */
    BAD_REQUEST(HttpStatus.BAD_REQUEST, "Bad request"),
    UNAUTHENTICATED(HttpStatus.UNAUTHORIZED, "Unauthenticated"),
    FORBIDDEN(HttpStatus.FORBIDDEN, "Forbidden"),
    /** The caller's token is limited to recipients, and the request is for another, or spans them all. */
    FORBIDDEN_RECIPIENT(HttpStatus.FORBIDDEN, "Forbidden recipient"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    RECIPIENT_NOT_FOUND(HttpStatus.NOT_FOUND, "Recipient not found"),
    PERSON_NOT_FOUND(HttpStatus.NOT_FOUND, "Person not found"),
    AFFILIATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Affiliation not found"),
    EXEMPTION_NOT_FOUND(HttpStatus.NOT_FOUND, "Exemption not found"),
    TERMS_VERSION_NOT_FOUND(HttpStatus.NOT_FOUND, "Terms version not found"),
    /** No reservation has the id, or it ended more than a rolling window ago. */
    RESERVATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Reservation not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    REQUEST_ID_REUSED(HttpStatus.CONFLICT, "Request id reused"),
    RECIPIENT_ALREADY_EXISTS(HttpStatus.CONFLICT, "Recipient already exists"),
    PERSON_ALREADY_EXISTS(HttpStatus.CONFLICT, "Person already exists"),
    PERSON_AFFILIATED_ELSEWHERE(HttpStatus.CONFLICT, "Person affiliated elsewhere"),
    EXEMPTION_ALREADY_EXISTS(HttpStatus.CONFLICT, "Exemption already exists"),
    TERMS_VERSION_EXISTS(HttpStatus.CONFLICT, "Terms version exists"),
    REPLAY_IN_PROGRESS(HttpStatus.CONFLICT, "Replay in progress"),
    /** The reservation was confirmed, voided or has expired; the problem's {@code state} says which. */
    RESERVATION_NOT_OPEN(HttpStatus.CONFLICT, "Reservation not open"),
    BODY_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "Body too large"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    TERMS_VERSION_OUT_OF_ORDER(HttpStatus.UNPROCESSABLE_ENTITY, "Terms version out of order"),
    TERMS_VERSION_TOO_SOON(HttpStatus.UNPROCESSABLE_ENTITY, "Terms version too soon"),
    TERMS_VERSION_TOO_LATE(HttpStatus.UNPROCESSABLE_ENTITY, "Terms version too late to withdraw"),
    /** A confirmation of more IDs of some kind than the reservation holds. */
    EXCEEDS_RESERVATION(HttpStatus.UNPROCESSABLE_ENTITY, "Exceeds reservation"),
    /** Any other refusal of the request itself, such as headers or a path too long to read. */
    REQUEST_REJECTED(HttpStatus.BAD_REQUEST, "Request rejected"),
    /** Nothing was decided; the same request may be sent again. */
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error"),
    CONTENDED(HttpStatus.SERVICE_UNAVAILABLE, "Contended"),
    REPLAY_BLOCKED(HttpStatus.SERVICE_UNAVAILABLE, "Replay blocked"),
    IDENTITY_PROVIDER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "Identity provider unavailable");

    private final HttpStatus status;
    private final String title;

    ProblemReason(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /**
     * The reason for a status that reached the client without one of its own, from the servlet container or a part of
     * Spring MVC the ledger does not describe itself: so that every problem names a reason from this list.
     */
    public static ProblemReason forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> BODY_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? INTERNAL_ERROR : REQUEST_REJECTED;
        };
    }
}

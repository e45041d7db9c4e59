package com.quotaledger.api.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.quotaledger.exemption.api.ExemptionAlreadyExistsException;
import com.quotaledger.exemption.api.ExemptionNotFoundException;
import com.quotaledger.person.api.AffiliationNotFoundException;
import com.quotaledger.person.api.PersonAffiliatedElsewhereException;
import com.quotaledger.person.api.PersonAlreadyExistsException;
import com.quotaledger.terms.api.TermsVersionRefusedException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every error leaves the API as {@code application/problem+json} with a stable {@code reason} code, and never with a
 * stack trace, a class name or SQL: details are written here, not copied from exceptions.
 */
@RestControllerAdvice
class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    record FieldProblem(String field, String message) {
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        return ResponseEntity.status(problem.status()).body(problem.toProblemDetail());
    }

    @ExceptionHandler(PersonAffiliatedElsewhereException.class)
    ResponseEntity<ProblemDetail> affiliatedElsewhere(PersonAffiliatedElsewhereException exception) {
        return apiProblem(new ApiProblem(ProblemReason.PERSON_AFFILIATED_ELSEWHERE,
                "Person '%s' is affiliated with recipient '%s'; end that affiliation first."
                .formatted(exception.personId(), exception.recipientId()))
                .with("personId", exception.personId())
                .with("affiliatedWith", exception.recipientId()));
    }

    @ExceptionHandler(PersonAlreadyExistsException.class)
    ResponseEntity<ProblemDetail> personAlreadyExists(PersonAlreadyExistsException exception) {
        return apiProblem(new ApiProblem(ProblemReason.PERSON_ALREADY_EXISTS,
                "Person '%s' is known already.".formatted(exception.personId()))
                .with("personId", exception.personId()));
    }

    @ExceptionHandler(AffiliationNotFoundException.class)
    ResponseEntity<ProblemDetail> affiliationNotFound(AffiliationNotFoundException exception) {
        return apiProblem(new ApiProblem(ProblemReason.AFFILIATION_NOT_FOUND,
                "The person is not affiliated with this recipient."));
    }

    @ExceptionHandler(ExemptionAlreadyExistsException.class)
    ResponseEntity<ProblemDetail> exemptionExists(ExemptionAlreadyExistsException exception) {
        return apiProblem(new ApiProblem(ProblemReason.EXEMPTION_ALREADY_EXISTS,
                "This recipient already has a %s '%s'.".formatted(exception.kind(), exception.exemptionId()))
                .with("kind", exception.kind())
                .with("exemptionId", exception.exemptionId()));
    }

    @ExceptionHandler(ExemptionNotFoundException.class)
    ResponseEntity<ProblemDetail> exemptionNotFound(ExemptionNotFoundException exception) {
        return apiProblem(new ApiProblem(ProblemReason.EXEMPTION_NOT_FOUND,
                "This recipient has no %s '%s'.".formatted(exception.kind(), exception.exemptionId()))
                .with("kind", exception.kind())
                .with("exemptionId", exception.exemptionId()));
    }

    @ExceptionHandler(TermsVersionRefusedException.class)
    ResponseEntity<ProblemDetail> termsVersionRefused(TermsVersionRefusedException exception) {
        ApiProblem problem = switch (exception.refusal()) {
            case VERSION_EXISTS -> new ApiProblem(ProblemReason.TERMS_VERSION_EXISTS, exception.getMessage());
            case NOT_AFTER_LATEST -> new ApiProblem(ProblemReason.TERMS_VERSION_OUT_OF_ORDER, exception.getMessage());
            case TOO_SOON -> new ApiProblem(ProblemReason.TERMS_VERSION_TOO_SOON, exception.getMessage());
            case NOT_FOUND -> new ApiProblem(ProblemReason.TERMS_VERSION_NOT_FOUND, exception.getMessage());
            case TOO_LATE -> new ApiProblem(ProblemReason.TERMS_VERSION_TOO_LATE, exception.getMessage());
        };
        return apiProblem(problem);
    }

    /** Every attempt lost to another node deciding for the same aggregate: rare, brief, and nothing was decided. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> contended(ConcurrencyException exception) {
        log.warn("A command lost to other nodes on every attempt: {}", exception.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .body(new ApiProblem(ProblemReason.CONTENDED,
                        "Other ledger nodes changed this entity during every attempt. Nothing was decided; "
                                + "it is safe to retry.").toProblemDetail());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception exception) {
        log.error("Request failed unexpectedly", exception);
        return apiProblem(new ApiProblem(ProblemReason.INTERNAL_ERROR,
                "The ledger could not complete the request. Nothing was decided; it is safe to retry."));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception exception, @Nullable Object body,
                                                             HttpHeaders headers, HttpStatusCode status,
                                                             WebRequest request) {
        BodyTooLarge tooLarge = exception instanceof HttpMessageNotReadableException ? tooLargeBody(exception) : null;
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge.problem().toProblemDetail());
        }
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
        describe(exception, problem);
        return super.handleExceptionInternal(exception, problem, headers, status, request);
    }

    private static BodyTooLarge tooLargeBody(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }

    private static void describe(Exception exception, ProblemDetail problem) {
        if (exception instanceof HttpMessageNotReadableException unreadable) {
            describeUnreadable(unreadable, problem);
        } else if (exception instanceof MethodArgumentNotValidException invalid) {
            List<FieldProblem> errors = invalid.getBindingResult().getFieldErrors().stream()
                    .map(error -> new FieldProblem(error.getField(), String.valueOf(error.getDefaultMessage())))
                    .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                    .toList();
            reason(problem, ProblemReason.INVALID_FIELD, errors.stream()
                    .map(error -> error.field() + " " + error.message())
                    .collect(Collectors.joining("; ")));
            problem.setProperty("errors", errors);
        } else if (exception instanceof HandlerMethodValidationException) {
            reason(problem, ProblemReason.INVALID_PARAMETER, "A path or query parameter is invalid.");
        } else if (exception instanceof MethodArgumentTypeMismatchException mismatch) {
            reason(problem, ProblemReason.INVALID_PARAMETER,
                    "Parameter '" + mismatch.getName() + "' has an invalid value.");
        } else if (exception instanceof MissingServletRequestParameterException missing) {
            reason(problem, ProblemReason.MISSING_PARAMETER,
                    "Parameter '" + missing.getParameterName() + "' is required.");
        } else if (exception instanceof HttpRequestMethodNotSupportedException method) {
            reason(problem, ProblemReason.METHOD_NOT_ALLOWED,
                    "This resource does not answer " + method.getMethod() + ".");
        } else if (exception instanceof HttpMediaTypeNotSupportedException) {
            reason(problem, ProblemReason.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json.");
        } else if (exception instanceof HttpMediaTypeNotAcceptableException) {
            reason(problem, ProblemReason.NOT_ACCEPTABLE,
                    "This resource answers application/json and application/problem+json.");
        } else if (exception instanceof NoResourceFoundException) {
            reason(problem, ProblemReason.NOT_FOUND, "There is nothing at this path.");
        } else {
            HttpStatus status = HttpStatus.resolve(problem.getStatus());
            reason(problem, ProblemReason.forStatus(problem.getStatus()),
                    (status != null ? status.getReasonPhrase() : "Error") + ".");
        }
    }

    private static void describeUnreadable(HttpMessageNotReadableException unreadable, ProblemDetail problem) {
        Throwable cause = unreadable.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            reason(problem, ProblemReason.UNKNOWN_FIELD, "Field '" + path(unknown) + "' is not part of this request.");
            problem.setProperty("field", path(unknown));
        } else if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            reason(problem, ProblemReason.INVALID_FIELD,
                    "Field '" + path(mapping) + "' has the wrong type or an invalid value.");
            problem.setProperty("field", path(mapping));
        } else if (cause instanceof JsonProcessingException) {
            reason(problem, ProblemReason.MALFORMED_JSON, "The request body is not a valid JSON object.");
        } else {
            reason(problem, ProblemReason.MALFORMED_JSON, "The request body is missing or unreadable.");
        }
    }

    private static String path(JsonMappingException exception) {
        return exception.getPath().stream()
                .map(reference -> reference.getFieldName() != null
                        ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static void reason(ProblemDetail problem, ProblemReason reason, String detail) {
        problem.setProperty("reason", reason.name());
        problem.setTitle(reason.title());
        problem.setDetail(detail);
    }
}

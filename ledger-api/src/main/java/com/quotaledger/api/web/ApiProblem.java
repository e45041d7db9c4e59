package com.quotaledger.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A request the API refuses, with its status and stable {@code reason} code. Thrown by the web layer and turned into
 * an RFC 9457 problem by {@link ProblemResponses}.
 */
public class ApiProblem extends RuntimeException {

    private final ProblemReason reason;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiProblem(ProblemReason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public static ApiProblem invalidField(String field, String detail) {
        return new ApiProblem(ProblemReason.INVALID_FIELD, detail).with("field", field);
    }

    public static ApiProblem recipientNotFound(String recipientId) {
        return new ApiProblem(ProblemReason.RECIPIENT_NOT_FOUND,
                "No recipient entity is registered as '" + recipientId + "'.").with("recipientId", recipientId);
    }

    public static ApiProblem requestIdReused(String requestId) {
        return new ApiProblem(ProblemReason.REQUEST_ID_REUSED,
                "requestId '" + requestId + "' was already decided for a request with other content.")
                .with("requestId", requestId);
    }

    public ApiProblem with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public ProblemReason reason() {
        return reason;
    }

    public HttpStatus status() {
        return reason.status();
    }

    /** Answers with this problem from outside Spring MVC: a servlet filter, the security filters. */
    public void writeTo(HttpServletResponse response, ObjectMapper json) throws IOException {
        response.setStatus(reason.status().value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), toProblemDetail());
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(reason.status(), getMessage());
        problem.setTitle(reason.title());
        problem.setProperty("reason", reason.name());
        properties.forEach(problem::setProperty);
        return problem;
    }
}

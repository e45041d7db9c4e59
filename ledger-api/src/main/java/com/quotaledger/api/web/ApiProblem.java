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

    private final HttpStatus status;
    private final String reason;
    private final String title;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public ApiProblem(HttpStatus status, String reason, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
        this.title = title;
    }

    public static ApiProblem invalidField(String field, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_FIELD", "Invalid field", detail).with("field", field);
    }

    public static ApiProblem recipientNotFound(String recipientId) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "RECIPIENT_NOT_FOUND", "Recipient not found",
                "No recipient entity is registered as '" + recipientId + "'.").with("recipientId", recipientId);
    }

    public static ApiProblem requestIdReused(String requestId) {
        return new ApiProblem(HttpStatus.CONFLICT, "REQUEST_ID_REUSED", "Request id reused",
                "requestId '" + requestId + "' was already decided for a request with other content.")
                .with("requestId", requestId);
    }

    public ApiProblem with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    /** Answers with this problem from outside Spring MVC: a servlet filter, the security filters. */
    public void writeTo(HttpServletResponse response, ObjectMapper json) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), toProblemDetail());
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setTitle(title);
        problem.setProperty("reason", reason);
        properties.forEach(problem::setProperty);
        return problem;
    }
}

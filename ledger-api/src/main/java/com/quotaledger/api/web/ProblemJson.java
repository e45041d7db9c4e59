package com.quotaledger.api.web;

import io.swagger.v3.oas.annotations.media.Schema;

import java.net.URI;
import java.util.List;

/**
 * The shape of every problem the API answers other than a policy denial, as the OpenAPI description shows it;
 * {@link ApiProblem} and {@link ProblemResponses} build them. Some reasons add fields of their own, such as the id of
 * what was not found; a client reads the ones it knows.
 */
@Schema(name = "Problem", description = "An RFC 9457 problem: why the request was refused. Nothing was changed.")
public record ProblemJson(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "about:blank") URI type,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) String title,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) int status,
        @Schema(description = "What was wrong, for a person to read") String detail,
        @Schema(description = "The path of the request") URI instance,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = ProblemReason.class,
                description = "The stable code to branch on") ProblemReason reason,
        @Schema(description = "The field at fault, for INVALID_FIELD and UNKNOWN_FIELD") String field,
        @Schema(description = "Every invalid field, for INVALID_FIELD from validation") List<FieldError> errors) {

    public record FieldError(String field, String message) {
    }
}

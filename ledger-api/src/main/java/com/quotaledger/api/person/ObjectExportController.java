package com.quotaledger.api.person;

import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.web.Refusals;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static com.quotaledger.api.web.ProblemReason.CONTENDED;
import static com.quotaledger.api.web.ProblemReason.PERSON_NOT_FOUND;
import static com.quotaledger.api.web.ProblemReason.REQUEST_ID_REUSED;

/** Full Post and User objects to a person: only by manual download, at most the daily limit per person. */
@Tag(name = "Object exports")
@RestController
@RequestMapping("/api/v1/object-exports")
class ObjectExportController {

    private final ObjectExportDecisions exports;

    ObjectExportController(ObjectExportDecisions exports) {
        this.exports = exports;
    }

    @Operation(operationId = "decideObjectExport", summary = "Decide an export of full objects to a person")
    @ApiResponse(responseCode = "201", description = "Granted",
            content = @Content(schema = @Schema(implementation = ObjectExportDecisions.ObjectExportGrantedJson.class)))
    @ApiResponse(responseCode = "422", description = "Denied: the export is not allowed as things stand",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ObjectExportDecisions.ObjectExportDeniedJson.class)))
    @ApiResponse(responseCode = "429", description = "Denied: the export fits from `retryAt`", headers =
            @Header(name = "Retry-After", description = "Seconds until retryAt", schema = @Schema(type = "integer")),
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ObjectExportDecisions.ObjectExportDeniedJson.class)))
    @Refusals({PERSON_NOT_FOUND, REQUEST_ID_REUSED, CONTENDED})
    @PostMapping
    ResponseEntity<Object> export(@Valid @RequestBody ObjectExportBody body) {
        return GroupCommit.await(exports.decide(body, null)).toResponseEntity();
    }
}

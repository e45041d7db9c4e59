package com.quotaledger.api.share;

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
import static com.quotaledger.api.web.ProblemReason.RECIPIENT_NOT_FOUND;
import static com.quotaledger.api.web.ProblemReason.REQUEST_ID_REUSED;

@Tag(name = "Shares")
@RestController
@RequestMapping("/api/v1/shares")
class ShareController {

    private final ShareDecisions shares;

    ShareController(ShareDecisions shares) {
        this.shares = shares;
    }

    @Operation(operationId = "decideShare", summary = "Decide a share of IDs to a recipient entity",
            description = "Every answer, granted or denied, carries the recipient's quota as `RateLimit-Policy: "
                    + "\"post-ids\";q=<limit>;w=<window in seconds>` and `RateLimit: \"post-ids\";r=<remaining>;"
                    + "t=<seconds until the next release>`.")
    @ApiResponse(responseCode = "201", description = "Granted", headers = {
            @Header(name = "RateLimit-Policy", schema = @Schema(type = "string")),
            @Header(name = "RateLimit", schema = @Schema(type = "string"))},
            content = @Content(schema = @Schema(implementation = ShareDecisions.ShareGrantedJson.class)))
    @ApiResponse(responseCode = "422", description = "Denied: the share fits at no instant as things stand", headers = {
            @Header(name = "RateLimit-Policy", schema = @Schema(type = "string")),
            @Header(name = "RateLimit", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ShareDecisions.ShareDeniedJson.class)))
    @ApiResponse(responseCode = "429", description = "Denied: the share fits from `retryAt`", headers = {
            @Header(name = "Retry-After", description = "Seconds until retryAt", schema = @Schema(type = "integer")),
            @Header(name = "RateLimit-Policy", schema = @Schema(type = "string")),
            @Header(name = "RateLimit", schema = @Schema(type = "string"))},
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ShareDecisions.ShareDeniedJson.class)))
    @Refusals({RECIPIENT_NOT_FOUND, REQUEST_ID_REUSED, CONTENDED})
    @PostMapping
    ResponseEntity<Object> share(@Valid @RequestBody ShareIdsBody body) {
        return GroupCommit.await(shares.decide(body, null)).toResponseEntity();
    }
}

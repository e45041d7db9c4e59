package com.quotaledger.api.reservation;

import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.share.ShareDecisions;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import static com.quotaledger.api.web.ProblemReason.CONTENDED;
import static com.quotaledger.api.web.ProblemReason.EXCEEDS_RESERVATION;
import static com.quotaledger.api.web.ProblemReason.RECIPIENT_NOT_FOUND;
import static com.quotaledger.api.web.ProblemReason.REQUEST_ID_REUSED;
import static com.quotaledger.api.web.ProblemReason.RESERVATION_NOT_FOUND;
import static com.quotaledger.api.web.ProblemReason.RESERVATION_NOT_OPEN;

@Tag(name = "Reservations")
@RestController
@RequestMapping("/api/v1/reservations")
class ReservationController {

    private final ReservationDecisions reservations;

    ReservationController(ReservationDecisions reservations) {
        this.reservations = reservations;
    }

    @Operation(operationId = "reserveIds", summary = "Hold the IDs of a share before building its dataset",
            description = "Decided by every rule a share is, with the IDs that open reservations hold counted as in "
                    + "use. Granted, the IDs count as `reserved` until the reservation is confirmed, voided or "
                    + "expires (`expiresAt`, exact whether or not anything runs then). Denied exactly as the share "
                    + "would be, with `holdFor` beside it.")
    @ApiResponse(responseCode = "201", description = "Reserved", headers = {
            @Header(name = "RateLimit-Policy", schema = @Schema(type = "string")),
            @Header(name = "RateLimit", schema = @Schema(type = "string"))},
            content = @Content(schema = @Schema(implementation = ReservationDecisions.ReservationGrantedJson.class)))
    @ApiResponse(responseCode = "422", description = "Denied: the share fits at no instant as things stand",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ShareDecisions.ShareDeniedJson.class)))
    @ApiResponse(responseCode = "429", description = "Denied: the share fits from `retryAt`", headers = {
            @Header(name = "Retry-After", description = "Seconds until retryAt", schema = @Schema(type = "integer"))},
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ShareDecisions.ShareDeniedJson.class)))
    @Refusals({RECIPIENT_NOT_FOUND, REQUEST_ID_REUSED, CONTENDED})
    @PostMapping
    ResponseEntity<Object> reserve(@Valid @RequestBody ReserveIdsBody body) {
        return GroupCommit.await(reservations.reserve(body, null)).toResponseEntity();
    }

    @Operation(operationId = "confirmReservation", summary = "Record what was delivered of a reservation",
            description = "Recorded as a granted share at the ledger's time of the confirmation, counting in the "
                    + "window from then. Counts may be lower than reserved (the rest is free at once), never higher. "
                    + "Without counts, everything the reservation holds is confirmed.")
    @ApiResponse(responseCode = "201", description = "Confirmed", headers = {
            @Header(name = "RateLimit-Policy", schema = @Schema(type = "string")),
            @Header(name = "RateLimit", schema = @Schema(type = "string"))},
            content = @Content(schema = @Schema(
                    implementation = ReservationDecisions.ReservationConfirmedJson.class)))
    @Refusals({RESERVATION_NOT_FOUND, RESERVATION_NOT_OPEN, EXCEEDS_RESERVATION, REQUEST_ID_REUSED, CONTENDED})
    @PostMapping("/{reservationId}/confirm")
    ResponseEntity<Object> confirm(@PathVariable String reservationId,
                                   @Valid @RequestBody ConfirmReservationBody body) {
        return GroupCommit.await(reservations.confirm(reservationId, body, null)).toResponseEntity();
    }

    @Operation(operationId = "voidReservation", summary = "Release a reservation whose dataset is not delivered")
    @ApiResponse(responseCode = "200", description = "Voided", headers = {
            @Header(name = "RateLimit-Policy", schema = @Schema(type = "string")),
            @Header(name = "RateLimit", schema = @Schema(type = "string"))},
            content = @Content(schema = @Schema(implementation = ReservationDecisions.ReservationVoidedJson.class)))
    @Refusals({RESERVATION_NOT_FOUND, RESERVATION_NOT_OPEN, REQUEST_ID_REUSED, CONTENDED})
    @PostMapping("/{reservationId}/void")
    ResponseEntity<Object> voidReservation(@PathVariable String reservationId,
                                           @Valid @RequestBody VoidReservationBody body) {
        return GroupCommit.await(reservations.voidReservation(reservationId, body, null)).toResponseEntity();
    }

    @Operation(operationId = "getReservation", summary = "A reservation and its state now")
    @ApiResponse(responseCode = "200", description = "The reservation")
    @Refusals({RESERVATION_NOT_FOUND})
    @GetMapping("/{reservationId}")
    ReservationDecisions.ReservationJson reservation(@PathVariable String reservationId) {
        return reservations.describe(reservationId);
    }
}

package com.quotaledger.api.reservation;

import com.quotaledger.api.commands.GroupCommit;
import com.quotaledger.api.commands.LedgerCommands;
import com.quotaledger.api.config.LedgerProperties;
import com.quotaledger.api.decision.DecisionAnswer;
import com.quotaledger.api.decision.Decisions;
import com.quotaledger.api.exemption.ExemptionJson.AcademicApprovalJson;
import com.quotaledger.api.recipient.QuotaJson;
import com.quotaledger.api.security.RecipientAccess;
import com.quotaledger.api.share.ShareDecisions;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.ProblemReason;
import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.ids.ReservationIds;
import com.quotaledger.recipient.api.ConfirmReservationCommand;
import com.quotaledger.recipient.api.ConfirmReservationRequest;
import com.quotaledger.recipient.api.DescribeReservationCommand;
import com.quotaledger.recipient.api.ExceedsReservationException;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.ReservationConfirmedEvent;
import com.quotaledger.recipient.api.ReservationDecision;
import com.quotaledger.recipient.api.ReservationDeniedEvent;
import com.quotaledger.recipient.api.ReservationGrantedEvent;
import com.quotaledger.recipient.api.ReservationNotFoundException;
import com.quotaledger.recipient.api.ReservationNotOpenException;
import com.quotaledger.recipient.api.ReservationRequest;
import com.quotaledger.recipient.api.ReservationState;
import com.quotaledger.recipient.api.ReservationView;
import com.quotaledger.recipient.api.ReservationVoidedEvent;
import com.quotaledger.recipient.api.ReserveIdsCommand;
import com.quotaledger.recipient.api.ShareBasis;
import com.quotaledger.recipient.api.ShareDeniedEvent;
import com.quotaledger.recipient.api.ShareRequest;
import com.quotaledger.recipient.api.VoidReservationCommand;
import com.quotaledger.recipient.api.VoidReservationRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Decides reservations, their confirmations and their voids, for every transport: the REST endpoints and the Kafka
 * bridge both call these methods, and only map the {@link DecisionAnswer} to their own output. Each is idempotent by
 * its requestId, as a share is.
 */
@Service
public class ReservationDecisions {

    /** The counts of IDs of each kind. */
    @Schema(name = "IdCounts")
    record IdCountsJson(long postIdCount, long userIdCount, long directMessageIdCount) {

        static IdCountsJson of(IdCounts ids) {
            return ids == null ? null : new IdCountsJson(ids.postIds(), ids.userIds(), ids.directMessageIds());
        }
    }

    @Schema(name = "ReservationGrant")
    record ReservationGrantedJson(String requestId,
                                  String reservationId,
                                  String recipientId,
                                  String personId,
                                  @Schema(allowableValues = "RESERVED") String decision,
                                  Instant decidedAt,
                                  Instant expiresAt,
                                  Duration holdFor,
                                  long postIdCount,
                                  long userIdCount,
                                  long directMessageIdCount,
                                  ShareBasis basis,
                                  String purpose,
                                  QuotaJson quota,
                                  AcademicApprovalJson approval) {
    }

    @Schema(name = "ReservationConfirmation")
    record ReservationConfirmedJson(String requestId,
                                    String reservationId,
                                    String shareId,
                                    String recipientId,
                                    String personId,
                                    @Schema(allowableValues = "CONFIRMED") String decision,
                                    Instant decidedAt,
                                    long postIdCount,
                                    long userIdCount,
                                    long directMessageIdCount,
                                    @Schema(description = "What the reservation held beyond the delivery, free now")
                                    IdCountsJson released,
                                    ShareBasis basis,
                                    String purpose,
                                    QuotaJson quota,
                                    AcademicApprovalJson approval) {
    }

    @Schema(name = "ReservationVoid")
    record ReservationVoidedJson(String requestId,
                                 String reservationId,
                                 String recipientId,
                                 @Schema(allowableValues = "VOIDED") String decision,
                                 Instant decidedAt,
                                 IdCountsJson released,
                                 QuotaJson quota) {
    }

    @Schema(name = "Reservation")
    record ReservationJson(String reservationId,
                           String requestId,
                           String recipientId,
                           String personId,
                           long postIdCount,
                           long userIdCount,
                           long directMessageIdCount,
                           ShareBasis basis,
                           String purpose,
                           Instant reservedAt,
                           Instant expiresAt,
                           @Schema(description = "OPEN until confirmed, voided or expired; EXPIRED from expiresAt "
                                   + "on, whether or not the expiry event was recorded yet")
                           ReservationState state,
                           @Schema(description = "When it stopped holding its IDs") Instant closedAt,
                           @Schema(description = "The share a confirmation recorded") String shareId,
                           @Schema(description = "What a confirmation delivered") IdCountsJson confirmed,
                           Instant asOf) {

        static ReservationJson of(ReservationView view) {
            ShareRequest share = view.share();
            return new ReservationJson(view.reservationId(), view.requestId(), share.recipientId(),
                    share.personId(), share.ids().postIds(), share.ids().userIds(), share.ids().directMessageIds(),
                    share.basis(), share.purpose(), view.reservedAt(), view.expiresAt(), view.state(),
                    view.closedAt(), view.shareId(), IdCountsJson.of(view.confirmedIds()), view.asOf());
        }
    }

    private final Decisions decisions;
    private final LedgerCommands commands;
    private final Clock clock;
    private final RecipientAccess recipientAccess;
    private final Duration maxHold;

    ReservationDecisions(Decisions decisions, LedgerCommands commands, Clock clock, RecipientAccess recipientAccess,
                         LedgerProperties properties) {
        this.decisions = decisions;
        this.commands = commands;
        this.clock = clock;
        this.recipientAccess = recipientAccess;
        this.maxHold = properties.reservations().maxHold();
    }

    /**
     * Decides a reservation by the rules of its share, with what open reservations hold counted as in use; answered
     * once stored: the grant (201), or the denial as the share's would read, with {@code holdFor} beside it.
     *
     * @throws ApiProblem at once if the body is invalid (400) or the caller may not act for its recipient (403)
     */
    public CompletableFuture<DecisionAnswer> reserve(ReserveIdsBody body, GroupCommit.Sequence sequence) {
        ReservationRequest request = body.toRequest(maxHold);
        recipientAccess.checkRecipient(request.recipientId());
        ReserveIdsCommand command = new ReserveIdsCommand(request, ReservationIds.newFor(request.recipientId()));
        return answered(decisions.submit(request.requestId(), request.contentFingerprint(),
                ReservationDecision.class, command, sequence), request.recipientId(), null, this::answer);
    }

    /**
     * Records a reservation's delivery as a share granted now (201).
     *
     * @throws ApiProblem at once if the body or the id is invalid (400) or the caller may not act for its recipient;
     *                    in the answer if the reservation is unknown (404), not open (409), or holds less (422)
     */
    public CompletableFuture<DecisionAnswer> confirm(String reservationId, ConfirmReservationBody body,
                                                     GroupCommit.Sequence sequence) {
        ConfirmReservationRequest request = body.toRequest(requireValid(reservationId));
        recipientAccess.checkRecipient(request.recipientId());
        ConfirmReservationCommand command = new ConfirmReservationCommand(request, UUID.randomUUID().toString());
        return answered(decisions.submit(request.requestId(), request.contentFingerprint(),
                        ReservationConfirmedEvent.class, command, sequence), request.recipientId(), reservationId,
                this::answer);
    }

    /** Releases an open reservation (200); refused as a confirmation is when it is unknown or not open. */
    public CompletableFuture<DecisionAnswer> voidReservation(String reservationId, VoidReservationBody body,
                                                             GroupCommit.Sequence sequence) {
        VoidReservationRequest request = body.toRequest(requireValid(reservationId));
        recipientAccess.checkRecipient(request.recipientId());
        return answered(decisions.submit(request.requestId(), request.contentFingerprint(),
                        ReservationVoidedEvent.class, new VoidReservationCommand(request), sequence),
                request.recipientId(), reservationId, this::answer);
    }

    /** The reservation as its recipient's history shows it now. */
    public ReservationJson describe(String reservationId) {
        recipientAccess.checkRecipient(ReservationIds.recipientOf(requireValid(reservationId)));
        try {
            return ReservationJson.of(commands.ask(new DescribeReservationCommand(reservationId)));
        } catch (ReservationNotFoundException | AggregateNotFoundException unknown) {
            throw notFound(reservationId);
        }
    }

    private <D> CompletableFuture<DecisionAnswer> answered(CompletableFuture<D> decided, String recipientId,
                                                           String reservationId,
                                                           Function<D, DecisionAnswer> answer) {
        return decided.handle((decision, failure) -> {
            if (failure == null) {
                return answer.apply(decision);
            }
            Throwable cause = failure instanceof CompletionException completion ? completion.getCause() : failure;
            throw new CompletionException(refusal(cause, recipientId, reservationId));
        });
    }

    /** What a refused step answers: the domain's refusals become problems, anything else stays what it was. */
    private static Throwable refusal(Throwable cause, String recipientId, String reservationId) {
        if (cause instanceof AggregateNotFoundException) {
            return reservationId == null ? ApiProblem.recipientNotFound(recipientId) : notFound(reservationId);
        }
        if (cause instanceof ReservationNotFoundException) {
            return notFound(reservationId);
        }
        if (cause instanceof ReservationNotOpenException notOpen) {
            return new ApiProblem(ProblemReason.RESERVATION_NOT_OPEN, "Reservation '%s' is %s since %s: %s."
                    .formatted(reservationId, notOpen.state(), notOpen.closedAt(), switch (notOpen.state()) {
                        case CONFIRMED -> "its delivery was recorded already";
                        case VOIDED -> "it was released";
                        case EXPIRED -> "it was neither confirmed nor voided before it expired; reserve again";
                        case OPEN -> "it is open";
                    }))
                    .with("reservationId", reservationId)
                    .with("state", notOpen.state())
                    .with("closedAt", notOpen.closedAt());
        }
        if (cause instanceof ExceedsReservationException exceeds) {
            return new ApiProblem(ProblemReason.EXCEEDS_RESERVATION, ("Reservation '%s' holds %d Post IDs, %d User "
                    + "IDs and %d Direct Message IDs; a confirmation delivers at most that many of each.")
                    .formatted(reservationId, exceeds.reserved().postIds(), exceeds.reserved().userIds(),
                            exceeds.reserved().directMessageIds()))
                    .with("reservationId", reservationId)
                    .with("reserved", IdCountsJson.of(exceeds.reserved()));
        }
        return cause;
    }

    private static ApiProblem notFound(String reservationId) {
        return new ApiProblem(ProblemReason.RESERVATION_NOT_FOUND, "No reservation '" + reservationId
                + "' is known: it was never granted, or it ended more than a rolling window ago.")
                .with("reservationId", reservationId);
    }

    private static String requireValid(String reservationId) {
        if (!ReservationIds.isValid(reservationId)) {
            throw new ApiProblem(ProblemReason.RESERVATION_NOT_FOUND, "'" + abbreviated(reservationId)
                    + "' is not a reservation id: a reservation's id is its recipient's id, '~' and a name.");
        }
        return reservationId;
    }

    private static String abbreviated(String text) {
        return text == null || text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    private DecisionAnswer answer(ReservationDecision decision) {
        if (decision instanceof ReservationGrantedEvent granted) {
            ShareRequest share = granted.request().share();
            return DecisionAnswer.granted(new ReservationGrantedJson(share.requestId(), granted.reservationId(),
                    share.recipientId(), share.personId(), "RESERVED", granted.decidedAt(), granted.expiresAt(),
                    granted.request().holdFor(), share.ids().postIds(), share.ids().userIds(),
                    share.ids().directMessageIds(), share.basis(), share.purpose(), QuotaJson.of(granted.quota()),
                    approvalJson(granted.approval(), granted.decidedAt())), granted.quota(), clock.instant());
        }
        ReservationDeniedEvent denied = (ReservationDeniedEvent) decision;
        ProblemDetail problem = ShareDecisions.denied(new ShareDeniedEvent(denied.request().share(),
                denied.reason(), denied.decidedAt(), denied.retryAt(), denied.quota(), denied.approval(),
                denied.outdatedTerms()));
        problem.setProperty("holdFor", denied.request().holdFor());
        return DecisionAnswer.denied(problem, denied.quota(), denied.retryAt(), clock.instant());
    }

    private DecisionAnswer answer(ReservationConfirmedEvent confirmed) {
        ShareRequest share = confirmed.share();
        return DecisionAnswer.granted(new ReservationConfirmedJson(share.requestId(), confirmed.reservationId(),
                confirmed.shareId(), share.recipientId(), share.personId(), "CONFIRMED", confirmed.decidedAt(),
                share.ids().postIds(), share.ids().userIds(), share.ids().directMessageIds(),
                IdCountsJson.of(confirmed.released()), share.basis(), share.purpose(),
                QuotaJson.of(confirmed.quota()), approvalJson(confirmed.approval(), confirmed.decidedAt())),
                confirmed.quota(), clock.instant());
    }

    private DecisionAnswer answer(ReservationVoidedEvent voided) {
        return new DecisionAnswer(true, HttpStatus.OK, new ReservationVoidedJson(voided.requestId(),
                voided.reservationId(), voided.request().recipientId(), "VOIDED", voided.decidedAt(),
                IdCountsJson.of(voided.released()), QuotaJson.of(voided.quota())), voided.quota(), null,
                clock.instant());
    }

    private static AcademicApprovalJson approvalJson(AcademicApproval approval, Instant at) {
        return approval == null ? null : AcademicApprovalJson.of(approval, at);
    }
}

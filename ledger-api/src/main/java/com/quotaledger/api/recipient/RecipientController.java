package com.quotaledger.api.recipient;

import com.quotaledger.api.aggregates.RecipientHistory;
import com.quotaledger.api.exemption.ExemptionJson.AcademicApprovalJson;
import com.quotaledger.api.exemption.ExemptionJson.DsaAccessJson;
import com.quotaledger.api.exemption.ExemptionJson.LimitPermissionJson;
import com.quotaledger.api.security.CurrentActor;
import com.quotaledger.api.security.RecipientAccess;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.Instants;
import com.quotaledger.api.web.Refusals;
import com.quotaledger.api.web.Text;
import com.quotaledger.ids.RecipientIds;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.AcceptTermsCommand;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.recipient.api.RecipientKind;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.RegisterRecipientCommand;
import com.quotaledger.terms.api.OutdatedTerms;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsInForce;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static com.quotaledger.api.web.ProblemReason.CONTENDED;
import static com.quotaledger.api.web.ProblemReason.INVALID_FIELD;
import static com.quotaledger.api.web.ProblemReason.RECIPIENT_ALREADY_EXISTS;
import static com.quotaledger.api.web.ProblemReason.RECIPIENT_NOT_FOUND;

@Tag(name = "Recipients")
@RestController
@RequestMapping("/api/v1/recipients")
class RecipientController {

    record RegisterRecipientBody(@NotNull @Pattern(regexp = RecipientIds.PATTERN) String recipientId,
                                 @NotBlank @Size(max = 200) @Pattern(regexp = Text.PRINTABLE) String name,
                                 @NotNull RecipientKind kind) {
    }

    /** {@code acceptedBy} as the request states it; {@code recordedBy}, the caller that recorded it. */
    record TermsAcceptanceJson(String recipientId,
                               String acceptedBy,
                               String recordedBy,
                               Instant acceptedAt,
                               Map<TermsDocument, String> documents,
                               boolean termsAccepted,
                               List<TermsDocument> missingTerms,
                               List<OutdatedTerms> outdatedTerms) {
    }

    record InWindowJson(long inWindow) {
    }

    record RecipientQuotaJson(String recipientId,
                              Instant asOf,
                              Set<IdKind> countedIdKinds,
                              String limitSource,
                              QuotaJson postIds,
                              InWindowJson userIds,
                              InWindowJson directMessageIds,
                              List<AcademicApprovalJson> academicApprovals,
                              List<DsaAccessJson> dsaAccesses,
                              List<LimitPermissionJson> limitPermissions) {
    }

    private final Recipients recipients;
    private final RecipientHistory history;
    private final RedistributionPolicy policy;
    private final Clock clock;
    private final TermsInForce termsInForce;
    private final RecipientAccess recipientAccess;
    private final CurrentActor actor;

    RecipientController(Recipients recipients, RecipientHistory history, RedistributionPolicy policy, Clock clock,
                        TermsInForce termsInForce, RecipientAccess recipientAccess, CurrentActor actor) {
        this.recipients = recipients;
        this.history = history;
        this.policy = policy;
        this.clock = clock;
        this.termsInForce = termsInForce;
        this.recipientAccess = recipientAccess;
        this.actor = actor;
    }


    /** The past is what the ledger has decided; the future has not happened yet. */
    private Instant pastInstant(Instant asOf) {
        if (asOf.isAfter(clock.instant())) {
            throw ApiProblem.invalidField("asOf", "asOf must not be in the future: the quota then is not known yet.");
        }
        return asOf;
    }

    @Operation(operationId = "registerRecipient", summary = "Register a recipient entity")
    @ApiResponse(responseCode = "201", description = "Registered", useReturnTypeSchema = true)
    @Refusals({RECIPIENT_ALREADY_EXISTS, CONTENDED})
    @PostMapping
    ResponseEntity<RecipientJson> register(@Valid @RequestBody RegisterRecipientBody body,
                                           UriComponentsBuilder uri) {
        recipientAccess.checkRecipient(body.recipientId());
        RecipientView registered = recipients.register(
                new RegisterRecipientCommand(body.recipientId(), body.name().strip(), body.kind()));
        return ResponseEntity
                .created(uri.path("/api/v1/recipients/{recipientId}").build(registered.recipientId()))
                .body(RecipientJson.of(registered, termsInForce.versions()));
    }

    @Operation(operationId = "getRecipient", summary = "The recipient, its accepted terms and what is missing")
    @Refusals(RECIPIENT_NOT_FOUND)
    @GetMapping("/{recipientId}")
    RecipientJson get(@PathVariable String recipientId) {
        Recipients.requireValidId(recipientId);
        return RecipientJson.of(recipients.describe(recipientId), termsInForce.versions());
    }

    @Operation(operationId = "acceptRecipientTerms", summary = "Record the recipient's acceptance of document versions")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @Refusals({RECIPIENT_NOT_FOUND, CONTENDED})
    @PostMapping("/{recipientId}/terms-acceptances")
    ResponseEntity<TermsAcceptanceJson> acceptTerms(@PathVariable String recipientId,
                                                    @Valid @RequestBody AcceptTermsBody body) {
        Recipients.requireValidId(recipientId);
        RecipientView accepted = recipients.acceptTerms(
                new AcceptTermsCommand(recipientId, body.acceptedBy().strip(), body.documents()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new TermsAcceptanceJson(recipientId,
                body.acceptedBy().strip(), actor.name(), accepted.asOf(), new TreeMap<>(body.documents()),
                accepted.termsAccepted(), RecipientJson.missingTerms(accepted),
                termsInForce.versions().outdated(accepted.acceptedTerms(), accepted.asOf())));
    }

    /**
     * The quota now, or with {@code asOf} exactly as it stood at that past instant, rebuilt from the recipient's
     * events up to it: the limit in force then, the shares in the window then.
     */
    @Operation(operationId = "getRecipientQuota", summary = "The rolling quota now, or as it stood at a past instant")
    @Refusals({RECIPIENT_NOT_FOUND, INVALID_FIELD})
    @GetMapping("/{recipientId}/quota")
    RecipientQuotaJson quota(@PathVariable String recipientId, @RequestParam(required = false) String asOf) {
        Recipients.requireValidId(recipientId);
        RecipientView view = asOf == null
                ? recipients.describe(recipientId)
                : history.asOf(recipientId, pastInstant(Instants.parse("asOf", asOf)));
        Instant now = view.asOf();
        return new RecipientQuotaJson(view.recipientId(), now, policy.countedIdKinds(),
                view.postIds().limitSource(), QuotaJson.of(view.postIds()),
                new InWindowJson(view.idsInWindow().userIds()),
                new InWindowJson(view.idsInWindow().directMessageIds()),
                view.exemptions().academicApprovals().stream().map(a -> AcademicApprovalJson.of(a, now)).toList(),
                view.exemptions().dsaAccesses().stream().map(a -> DsaAccessJson.of(a, now)).toList(),
                view.exemptions().limitPermissions().stream().map(p -> LimitPermissionJson.of(p, now)).toList());
    }
}

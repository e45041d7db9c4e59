package com.quotaledger.api.exemption;

import com.quotaledger.api.commands.LedgerCommands;
import com.quotaledger.api.exemption.ExemptionJson.AcademicApprovalJson;
import com.quotaledger.api.exemption.ExemptionJson.DsaAccessJson;
import com.quotaledger.api.exemption.ExemptionJson.LimitPermissionJson;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.Instants;
import com.quotaledger.api.web.Refusals;
import com.quotaledger.api.web.Text;
import com.quotaledger.exemption.api.AcademicApproval;
import com.quotaledger.exemption.api.DsaAccess;
import com.quotaledger.exemption.api.ExemptionKind;
import com.quotaledger.exemption.api.GrantAcademicApprovalCommand;
import com.quotaledger.exemption.api.GrantDsaAccessCommand;
import com.quotaledger.exemption.api.GrantLimitPermissionCommand;
import com.quotaledger.exemption.api.LimitPermission;
import com.quotaledger.exemption.api.ResearchPurpose;
import com.quotaledger.exemption.api.RevokeExemptionCommand;
import com.quotaledger.ids.ExemptionIds;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

import static com.quotaledger.api.web.ProblemReason.CONTENDED;
import static com.quotaledger.api.web.ProblemReason.EXEMPTION_ALREADY_EXISTS;
import static com.quotaledger.api.web.ProblemReason.EXEMPTION_NOT_FOUND;
import static com.quotaledger.api.web.ProblemReason.RECIPIENT_NOT_FOUND;

/**
 * Academic approvals, DSA Art. 40 access and written limit permissions: each granted by a compliance officer with
 * X's written reference, revocable, and recorded as events of the recipient.
 */
@Tag(name = "Exemptions")
@RestController
@RequestMapping("/api/v1/recipients/{recipientId}")
class ExemptionController {

    /** The most IDs an approval or permission may name: far above anything X grants, and no overflow. */
    private static final long MAX_IDS = 1_000_000_000_000L;

    record AcademicApprovalBody(@NotNull @Pattern(regexp = ExemptionIds.PATTERN) String approvalId,
                                @NotBlank @Size(max = 200) @Pattern(regexp = Text.PRINTABLE) String institution,
                                @NotNull ResearchPurpose purpose,
                                @NotNull @PositiveOrZero @Max(MAX_IDS) Long approvedPostIds,
                                @NotNull @PositiveOrZero @Max(MAX_IDS) Long approvedUserIds,
                                @NotNull String validFrom,
                                @NotNull String validUntil,
                                @NotBlank @Size(max = 500) @Pattern(regexp = Text.PRINTABLE) String writtenApprovalReference,
                                @NotBlank @Size(max = 320) @Pattern(regexp = Text.PRINTABLE) String grantedBy) {
    }

    record DsaAccessBody(@NotNull @Pattern(regexp = ExemptionIds.PATTERN) String accessId,
                         @NotBlank @Size(max = 500) @Pattern(regexp = Text.PRINTABLE) String reference,
                         @NotNull String validFrom,
                         @NotNull String validUntil,
                         @NotBlank @Size(max = 320) @Pattern(regexp = Text.PRINTABLE) String grantedBy) {
    }

    record LimitPermissionBody(@NotNull @Pattern(regexp = ExemptionIds.PATTERN) String permissionId,
                               @NotNull @Positive @Max(MAX_IDS) Long postIdLimit,
                               @NotNull String validFrom,
                               @NotNull String validUntil,
                               @NotBlank @Size(max = 500) @Pattern(regexp = Text.PRINTABLE) String writtenPermissionReference,
                               @NotBlank @Size(max = 320) @Pattern(regexp = Text.PRINTABLE) String grantedBy) {
    }

    private final LedgerCommands commands;
    private final Clock clock;

    ExemptionController(LedgerCommands commands, Clock clock) {
        this.commands = commands;
        this.clock = clock;
    }

    @Operation(operationId = "grantAcademicApproval", summary = "Record an academic approval X gave in writing")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @Refusals({RECIPIENT_NOT_FOUND, EXEMPTION_ALREADY_EXISTS, CONTENDED})
    @PostMapping("/academic-approvals")
    ResponseEntity<AcademicApprovalJson> grantAcademicApproval(@PathVariable String recipientId,
                                                               @Valid @RequestBody AcademicApprovalBody body) {
        Validity validity = validity(body.validFrom(), body.validUntil());
        if (body.approvedPostIds() + body.approvedUserIds() == 0) {
            throw ApiProblem.invalidField("approvedPostIds", "An approval covers some Post IDs or User IDs.");
        }
        AcademicApproval approval = commands.sendToRecipient(recipientId, new GrantAcademicApprovalCommand(recipientId,
                body.approvalId(), body.institution().strip(), body.purpose(), body.approvedPostIds(),
                body.approvedUserIds(), validity.from(), validity.until(), body.writtenApprovalReference().strip(),
                body.grantedBy().strip()));
        return ResponseEntity.status(HttpStatus.CREATED).body(AcademicApprovalJson.of(approval, clock.instant()));
    }

    @Operation(operationId = "revokeAcademicApproval", summary = "Revoke an academic approval")
    @Refusals({RECIPIENT_NOT_FOUND, EXEMPTION_NOT_FOUND, CONTENDED})
    @DeleteMapping("/academic-approvals/{*approvalId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeAcademicApproval(@PathVariable String recipientId, @PathVariable String approvalId) {
        commands.sendToRecipient(recipientId, new RevokeExemptionCommand(recipientId, ExemptionKind.ACADEMIC_APPROVAL,
                idInPath(approvalId)));
    }

    @Operation(operationId = "grantDsaAccess", summary = "Record access under Art. 40 of the EU DSA")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @Refusals({RECIPIENT_NOT_FOUND, EXEMPTION_ALREADY_EXISTS, CONTENDED})
    @PostMapping("/dsa-access")
    ResponseEntity<DsaAccessJson> grantDsaAccess(@PathVariable String recipientId,
                                                 @Valid @RequestBody DsaAccessBody body) {
        Validity validity = validity(body.validFrom(), body.validUntil());
        DsaAccess access = commands.sendToRecipient(recipientId, new GrantDsaAccessCommand(recipientId, body.accessId(),
                body.reference().strip(), validity.from(), validity.until(), body.grantedBy().strip()));
        return ResponseEntity.status(HttpStatus.CREATED).body(DsaAccessJson.of(access, clock.instant()));
    }

    @Operation(operationId = "revokeDsaAccess", summary = "Revoke a DSA Art. 40 access")
    @Refusals({RECIPIENT_NOT_FOUND, EXEMPTION_NOT_FOUND, CONTENDED})
    @DeleteMapping("/dsa-access/{*accessId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeDsaAccess(@PathVariable String recipientId, @PathVariable String accessId) {
        commands.sendToRecipient(recipientId, new RevokeExemptionCommand(recipientId, ExemptionKind.DSA_ARTICLE_40,
                idInPath(accessId)));
    }

    @Operation(operationId = "grantLimitPermission", summary = "Record a higher limit X permitted in writing")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @Refusals({RECIPIENT_NOT_FOUND, EXEMPTION_ALREADY_EXISTS, CONTENDED})
    @PostMapping("/limit-permissions")
    ResponseEntity<LimitPermissionJson> grantLimitPermission(@PathVariable String recipientId,
                                                             @Valid @RequestBody LimitPermissionBody body) {
        Validity validity = validity(body.validFrom(), body.validUntil());
        LimitPermission permission = commands.sendToRecipient(recipientId, new GrantLimitPermissionCommand(recipientId,
                body.permissionId(), body.postIdLimit(), validity.from(), validity.until(),
                body.writtenPermissionReference().strip(), body.grantedBy().strip()));
        return ResponseEntity.status(HttpStatus.CREATED).body(LimitPermissionJson.of(permission, clock.instant()));
    }

    @Operation(operationId = "revokeLimitPermission", summary = "Revoke a limit permission")
    @Refusals({RECIPIENT_NOT_FOUND, EXEMPTION_NOT_FOUND, CONTENDED})
    @DeleteMapping("/limit-permissions/{*permissionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokeLimitPermission(@PathVariable String recipientId, @PathVariable String permissionId) {
        commands.sendToRecipient(recipientId, new RevokeExemptionCommand(recipientId, ExemptionKind.LIMIT_PERMISSION,
                idInPath(permissionId)));
    }

    /**
     * An exemption id taken from the rest of the path, slashes included, so that every id that can be granted
     * ({@link ExemptionIds#PATTERN} allows {@code /}) can be revoked: {@code DELETE …/dsa-access/DSA/2026/7}.
     */
    private static String idInPath(String rest) {
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    private record Validity(Instant from, Instant until) {
    }

    private static Validity validity(String validFrom, String validUntil) {
        Instant from = Instants.parse("validFrom", validFrom);
        Instant until = Instants.parse("validUntil", validUntil);
        if (!from.isBefore(until)) {
            throw ApiProblem.invalidField("validUntil", "validUntil must be after validFrom.");
        }
        return new Validity(from, until);
    }
}

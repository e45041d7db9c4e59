package com.quotaledger.api.terms;

import com.quotaledger.api.commands.LedgerCommands;
import com.quotaledger.api.security.CurrentActor;
import com.quotaledger.api.web.Instants;
import com.quotaledger.api.web.Refusals;
import com.quotaledger.api.web.Text;
import com.quotaledger.terms.RecordedTermsVersions;
import com.quotaledger.terms.api.PublishTermsVersionCommand;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsVersion;
import com.quotaledger.terms.api.TermsVersions;
import com.quotaledger.terms.api.WithdrawTermsVersionCommand;
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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.api.web.ProblemReason.CONTENDED;
import static com.quotaledger.api.web.ProblemReason.INVALID_PARAMETER;
import static com.quotaledger.api.web.ProblemReason.TERMS_VERSION_EXISTS;
import static com.quotaledger.api.web.ProblemReason.TERMS_VERSION_NOT_FOUND;
import static com.quotaledger.api.web.ProblemReason.TERMS_VERSION_OUT_OF_ORDER;
import static com.quotaledger.api.web.ProblemReason.TERMS_VERSION_TOO_LATE;
import static com.quotaledger.api.web.ProblemReason.TERMS_VERSION_TOO_SOON;

/**
 * The versions of the terms documents that recipients and persons must have accepted: a compliance officer records
 * each new version with the instant it takes effect; everyone who exports or audits can read them.
 */
@Tag(name = "Terms")
@RestController
@RequestMapping("/api/v1/terms/versions")
class TermsController {

    record PublishBody(@NotNull TermsDocument document,
                       @NotBlank @Size(max = 64) @Pattern(regexp = Text.PRINTABLE) String version,
                       @NotNull String effectiveFrom,
                       @NotBlank @Size(max = 320) @Pattern(regexp = Text.PRINTABLE) String publishedBy) {
    }

    enum Status {
        /** Replaced by a later version that is in force now. */
        SUPERSEDED,
        /** The version in force now. */
        IN_FORCE,
        /** Takes effect later; accepting it now is enough for then too. */
        SCHEDULED
    }

    /** {@code effectiveFrom} is null for a configured version, in force from the start. */
    record VersionJson(TermsDocument document, String version, Instant effectiveFrom, Status status) {
    }

    record VersionsJson(Instant asOf, List<VersionJson> versions) {
    }

    private final LedgerCommands commands;
    private final RecordedTermsVersions termsInForce;
    private final Clock clock;
    private final CurrentActor actor;

    TermsController(LedgerCommands commands, RecordedTermsVersions termsInForce, Clock clock, CurrentActor actor) {
        this.commands = commands;
        this.termsInForce = termsInForce;
        this.clock = clock;
        this.actor = actor;
    }

    /**
     * Records a version; the same version with the same instant again answers as the first time. This node reads
     * it at once; the others within their refresh interval, well before the notice every version must give.
     */
    @Operation(operationId = "publishTermsVersion",
            summary = "Record a revision of a terms document, taking effect later")
    @ApiResponse(responseCode = "201", description = "Recorded", useReturnTypeSchema = true)
    @Refusals({TERMS_VERSION_EXISTS, TERMS_VERSION_OUT_OF_ORDER, TERMS_VERSION_TOO_SOON, CONTENDED})
    @PostMapping
    ResponseEntity<VersionJson> publish(@Valid @RequestBody PublishBody body) {
        Instant effectiveFrom = Instants.parse("effectiveFrom", body.effectiveFrom());
        TermsVersion version;
        try {
            version = commands.send(new PublishTermsVersionCommand(body.document(), body.version().strip(),
                    effectiveFrom, body.publishedBy().strip()));
        } finally {
            termsInForce.refreshNow();
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(json(version, termsInForce.versions(),
                clock.instant()));
    }

    /**
     * Withdraws a version recorded by mistake, at least the notice before it would take effect; withdrawing it again
     * changes nothing. The version is the rest of the path, so that any version that can be recorded can be
     * withdrawn: {@code DELETE …/DEVELOPER_POLICY/2026/01}. The caller's name is recorded as who withdrew it.
     */
    @Operation(operationId = "withdrawTermsVersion",
            summary = "Withdraw a version recorded by mistake, before it takes effect")
    @Refusals({INVALID_PARAMETER, TERMS_VERSION_NOT_FOUND, TERMS_VERSION_TOO_LATE, CONTENDED})
    @DeleteMapping("/{document}/{*version}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@PathVariable TermsDocument document, @PathVariable String version) {
        try {
            commands.send(new WithdrawTermsVersionCommand(document,
                    version.startsWith("/") ? version.substring(1) : version, actor.name()));
        } finally {
            termsInForce.refreshNow();
        }
    }

    @Operation(operationId = "listTermsVersions",
            summary = "Every version of every document, scheduled, in force or superseded")
    @GetMapping
    VersionsJson versions() {
        Instant now = clock.instant();
        TermsVersions versions = termsInForce.versions();
        List<VersionJson> all = new ArrayList<>();
        for (TermsVersion version : versions.all()) {
            all.add(json(version, versions, now));
        }
        return new VersionsJson(now, all);
    }

    private static VersionJson json(TermsVersion version, TermsVersions versions, Instant now) {
        Status status;
        if (version.effectiveFrom() != null && version.effectiveFrom().isAfter(now)) {
            status = Status.SCHEDULED;
        } else if (versions.inForce(version.document(), now).filter(version::equals).isPresent()) {
            status = Status.IN_FORCE;
        } else {
            status = Status.SUPERSEDED;
        }
        return new VersionJson(version.document(), version.version(), version.effectiveFrom(), status);
    }
}

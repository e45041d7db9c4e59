package com.quotaledger.api.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Who the token is, for a client that shows only what its caller may do, such as the console: a sign-in checks a
 * token here, and an auditor's pages offer no forms.
 */
@Tag(name = "Caller")
@RestController
class CallerController {

    record CallerJson(String actor,
                      @Schema(description = "Every role the caller has, including those its roles include")
                      List<Role> roles,
                      @Schema(description = "Whether the caller may act for every recipient")
                      boolean everyRecipient,
                      @Schema(description = "The recipients the caller may act for, when not every recipient")
                      List<String> recipients) {
    }

    private final CurrentActor actor;

    CallerController(CurrentActor actor) {
        this.actor = actor;
    }

    @Operation(operationId = "getCaller", summary = "The caller: its name in the audit trail, roles and recipients")
    @GetMapping("/api/v1/me")
    CallerJson me() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        Set<Role> held = Role.heldBy(caller);
        // the roles a held role includes are not among the token's: the hierarchy adds them when it checks
        List<Role> roles = Arrays.stream(Role.values())
                .filter(role -> role.andAbove().stream().anyMatch(held::contains)).toList();
        RecipientScope scope = RecipientScope.of(caller);
        return new CallerJson(actor.name(), roles, !scope.isLimited(), scope.named());
    }
}

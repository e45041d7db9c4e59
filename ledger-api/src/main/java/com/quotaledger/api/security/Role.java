package com.quotaledger.api.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a caller may do. A compliance officer may also do everything an exporter may; an administrator, everything.
 */
public enum Role {

    /** Shares, object exports, and reading quotas, recipients and persons. */
    EXPORTER,
    /** Recipients, persons, terms and exemptions: what changes what may be shared. */
    COMPLIANCE_OFFICER,
    /** The audit trail and the reports, read only. */
    AUDITOR,
    /** Projection replay, reconciliation, the test clock; and everything else. */
    ADMIN;

    /** The roles this one includes directly. */
    private List<Role> includes() {
        return switch (this) {
            case EXPORTER, AUDITOR -> List.of();
            case COMPLIANCE_OFFICER -> List.of(EXPORTER);
            case ADMIN -> List.of(COMPLIANCE_OFFICER, AUDITOR);
        };
    }

    /** Every role that may do what this one may: itself, and each role that includes it, directly or not. */
    public Set<Role> andAbove() {
        return Arrays.stream(values()).filter(role -> role.mayDoWhat(this))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    private boolean mayDoWhat(Role other) {
        return this == other || includes().stream().anyMatch(included -> included.mayDoWhat(other));
    }

    /** The roles {@code caller}'s token names, without those they include. */
    static Set<Role> heldBy(Authentication caller) {
        Set<String> authorities = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .collect(Collectors.toSet());
        return Arrays.stream(values()).filter(role -> authorities.contains(role.authority().getAuthority()))
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
    }

    /** The hierarchy Spring Security applies, in its own notation. */
    static String hierarchy() {
        return Arrays.stream(values())
                .flatMap(role -> role.includes().stream().map(included -> role.authority().getAuthority() + " > "
                        + included.authority().getAuthority()))
                .collect(Collectors.joining("\n"));
    }

    GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }

    /** The role named {@code text}, in any case and with surrounding blanks; empty if there is none. */
    static Optional<Role> named(String text) {
        String wanted = text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(role -> role.name().equals(wanted)).findFirst();
    }
}

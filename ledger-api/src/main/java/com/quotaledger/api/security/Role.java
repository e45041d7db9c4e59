package com.quotaledger.api.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

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

    /** The hierarchy Spring Security applies, in its own notation. */
    static final String HIERARCHY = """
            ROLE_ADMIN > ROLE_COMPLIANCE_OFFICER
            ROLE_COMPLIANCE_OFFICER > ROLE_EXPORTER
            ROLE_ADMIN > ROLE_AUDITOR""";

    GrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }

    /** The role named {@code text}, in any case and with surrounding blanks; empty if there is none. */
    static Optional<Role> named(String text) {
        String wanted = text.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(role -> role.name().equals(wanted)).findFirst();
    }
}

package com.quotaledger.api.security;

import com.quotaledger.ids.RecipientIds;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.util.List;

/**
 * Who may call the ledger, under {@code ledger.security.*}.
 *
 * @param tokens         API tokens for services, each known only by the SHA-256 of its secret; when there are none,
 *                       the ledger creates one administrator token of its own on first start
 * @param bootstrapToken that first administrator token, for automation, of at least 32 characters; by default a
 *                       random one, written once to {@code <ledger.data-dir>/initial-admin-token}. Once recorded, a
 *                       start with another one stops.
 * @param jwt            how roles are read from the JWTs of an identity provider, when one is configured with the
 *                       usual {@code spring.security.oauth2.resourceserver.jwt.*} settings
 * @param maxRequestBody request bodies larger than this are refused with 413
 */
@Validated
@ConfigurationProperties("ledger.security")
public record LedgerSecurityProperties(@DefaultValue List<@Valid ConfiguredToken> tokens,
                                       String bootstrapToken,
                                       @DefaultValue @Valid Jwt jwt,
                                       @DefaultValue("64KB") @NotNull DataSize maxRequestBody) {

    /**
     * @param name   who the caller is: recorded as the actor of every fact it causes
     * @param roles  comma-separated: any of EXPORTER, COMPLIANCE_OFFICER, AUDITOR, ADMIN
     * @param sha256     the hex SHA-256 of the token; the token itself is never configured
     * @param recipients the recipients the token may act for; every recipient when none are named
     */
    public record ConfiguredToken(@NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._@-]{0,63}") String name,
                                  @NotBlank String roles,
                                  @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}") String sha256,
                                  @DefaultValue List<@Pattern(regexp = RecipientIds.PATTERN) String> recipients) {
    }

    /**
     * @param rolesClaim      the claim that lists the caller's roles, as a list or a space- or comma-separated string
     * @param recipientsClaim the claim that lists the recipients the caller may act for, in the same forms; a JWT
     *                        without it may act for every recipient
     */
    public record Jwt(@DefaultValue("roles") @NotBlank String rolesClaim,
                      @DefaultValue("recipients") @NotBlank String recipientsClaim) {
    }
}

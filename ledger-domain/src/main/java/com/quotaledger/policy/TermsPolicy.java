package com.quotaledger.policy;

import com.quotaledger.terms.api.TermsDocument;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Which versions of the terms documents recipients and persons must have accepted. {@code configuredVersions} are in
 * force until a version recorded later takes effect; a document with no version configured or recorded accepts any.
 * {@code notice} is how far ahead of its effect a version must be recorded, so that every node knows it in time.
 */
public record TermsPolicy(Map<TermsDocument, String> configuredVersions, Duration notice) {

    public static final Duration DEFAULT_NOTICE = Duration.ofMinutes(1);

    public TermsPolicy {
        configuredVersions = Map.copyOf(configuredVersions);
        Objects.requireNonNull(notice, "notice");
        if (notice.isNegative()) {
            throw new IllegalArgumentException("notice must not be negative");
        }
    }

    /** No version required of any document until one is recorded. */
    public static TermsPolicy defaults() {
        return new TermsPolicy(Map.of(), DEFAULT_NOTICE);
    }
}

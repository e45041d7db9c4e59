package com.quotaledger.terms.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The versions of each document the ledger knows, in the order they take effect. A configured version has no
 * {@code effectiveFrom}: it is in force from the start until the first recorded version of its document takes
 * effect. Immutable.
 * <p>
 * An accepted version is up to date at an instant if it is the version in force then or one that takes effect later
 * (accepting ahead is allowed); any other version, known or not, is outdated once its document has a version in
 * force.
 */
public final class TermsVersions {

    private static final TermsVersions NONE = new TermsVersions(new EnumMap<>(TermsDocument.class));

    private final Map<TermsDocument, List<TermsVersion>> versions;

    private TermsVersions(Map<TermsDocument, List<TermsVersion>> versions) {
        this.versions = versions;
    }

    public static TermsVersions none() {
        return NONE;
    }

    /** The configured versions, each in force from the start. */
    public static TermsVersions configured(Map<TermsDocument, String> configuredVersions) {
        Map<TermsDocument, List<TermsVersion>> versions = new EnumMap<>(TermsDocument.class);
        configuredVersions.forEach((document, version) ->
                versions.put(document, List.of(new TermsVersion(document, version, null))));
        return new TermsVersions(versions);
    }

    /** These versions and {@code next}, which must take effect after every version of its document known here. */
    public TermsVersions with(TermsVersion next) {
        if (next.effectiveFrom() == null) {
            throw new IllegalArgumentException("a recorded version takes effect at an instant");
        }
        latest(next.document()).map(TermsVersion::effectiveFrom).ifPresent(latest -> {
            if (!next.effectiveFrom().isAfter(latest)) {
                throw new IllegalArgumentException(next + " does not take effect after " + latest);
            }
        });
        Map<TermsDocument, List<TermsVersion>> extended = new EnumMap<>(TermsDocument.class);
        extended.putAll(versions);
        List<TermsVersion> ofDocument = new ArrayList<>(versions.getOrDefault(next.document(), List.of()));
        ofDocument.add(next);
        extended.put(next.document(), List.copyOf(ofDocument));
        return new TermsVersions(extended);
    }

    /** These versions without {@code version} of {@code document}. */
    public TermsVersions without(TermsDocument document, String version) {
        Map<TermsDocument, List<TermsVersion>> reduced = new EnumMap<>(TermsDocument.class);
        reduced.putAll(versions);
        List<TermsVersion> ofDocument = versions.getOrDefault(document, List.of()).stream()
                .filter(known -> !known.version().equals(version))
                .toList();
        if (ofDocument.isEmpty()) {
            reduced.remove(document);
        } else {
            reduced.put(document, ofDocument);
        }
        return new TermsVersions(reduced);
    }

    /** The version of {@code document} in force at {@code at}, if any. */
    public Optional<TermsVersion> inForce(TermsDocument document, Instant at) {
        TermsVersion inForce = null;
        for (TermsVersion version : versions.getOrDefault(document, List.of())) {
            if (version.effectiveFrom() == null || !version.effectiveFrom().isAfter(at)) {
                inForce = version;
            }
        }
        return Optional.ofNullable(inForce);
    }

    /** The versions of {@code document} accepted as up to date at {@code at}: the one in force and any later one. */
    public Set<String> upToDate(TermsDocument document, Instant at) {
        Set<String> upToDate = new HashSet<>();
        inForce(document, at).ifPresent(version -> upToDate.add(version.version()));
        for (TermsVersion version : versions.getOrDefault(document, List.of())) {
            if (version.effectiveFrom() != null && version.effectiveFrom().isAfter(at)) {
                upToDate.add(version.version());
            }
        }
        return upToDate;
    }

    /**
     * The accepted documents whose version is outdated at {@code at}, in document order. Documents not accepted at
     * all are not listed: they are not accepted, which is a reason of its own.
     */
    public List<OutdatedTerms> outdated(Map<TermsDocument, AcceptedTerms> accepted, Instant at) {
        if (versions.isEmpty()) {
            return List.of();
        }
        List<OutdatedTerms> outdated = new ArrayList<>();
        for (TermsDocument document : TermsDocument.values()) {
            AcceptedTerms acceptance = accepted.get(document);
            if (acceptance == null) {
                continue;
            }
            inForce(document, at)
                    .filter(current -> !current.version().equals(acceptance.version())
                            && !takesEffectAfter(document, acceptance.version(), at))
                    .ifPresent(current -> outdated.add(new OutdatedTerms(document, acceptance.version(),
                            current.version(), current.effectiveFrom())));
        }
        return Collections.unmodifiableList(outdated);
    }

    /** Whether {@code version} of {@code document} is recorded to take effect after {@code at}: accepted ahead. */
    private boolean takesEffectAfter(TermsDocument document, String version, Instant at) {
        return find(document, version)
                .map(known -> known.effectiveFrom() != null && known.effectiveFrom().isAfter(at))
                .orElse(false);
    }

    /** The version of {@code document} named {@code version}, if known. */
    public Optional<TermsVersion> find(TermsDocument document, String version) {
        return versions.getOrDefault(document, List.of()).stream()
                .filter(known -> known.version().equals(version))
                .findFirst();
    }

    /** The version of {@code document} that takes effect last, if any. */
    public Optional<TermsVersion> latest(TermsDocument document) {
        List<TermsVersion> ofDocument = versions.getOrDefault(document, List.of());
        return ofDocument.isEmpty() ? Optional.empty() : Optional.of(ofDocument.get(ofDocument.size() - 1));
    }

    /** Every known version, by document and then in the order they take effect. */
    public List<TermsVersion> all() {
        List<TermsVersion> all = new ArrayList<>();
        for (TermsDocument document : TermsDocument.values()) {
            all.addAll(versions.getOrDefault(document, List.of()));
        }
        return List.copyOf(all);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TermsVersions that && versions.equals(that.versions);
    }

    @Override
    public int hashCode() {
        return versions.hashCode();
    }

    @Override
    public String toString() {
        return "TermsVersions" + versions;
    }
}

package com.quotaledger.ledger;

import com.quotaledger.terms.api.AcceptedTerms;
import com.quotaledger.terms.api.OutdatedTerms;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsVersionRefusedException.Refusal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The terms documents' versions the obvious way: every version as recorded, searched in full for each question.
 * A configured version is in force until a recorded version of its document takes effect; an accepted version is up
 * to date if it is the version in force or one that takes effect later.
 */
public final class BruteForceTerms {

    private record Recorded(TermsDocument document, String version, Instant effectiveFrom) {
    }

    private final Map<TermsDocument, String> configured;
    private final Duration notice;
    private final List<Recorded> recorded = new ArrayList<>();
    private final List<String> withdrawn = new ArrayList<>();

    public BruteForceTerms(Map<TermsDocument, String> configured, Duration notice) {
        this.configured = Map.copyOf(configured);
        this.notice = notice;
    }

    /** Records a version recorded at {@code at}, or says why it is refused; null if it is recorded or known alike. */
    public Refusal publish(Instant at, TermsDocument document, String version, Instant effectiveFrom) {
        for (Recorded known : recorded) {
            if (known.document() == document && known.version().equals(version)) {
                return known.effectiveFrom().equals(effectiveFrom) ? null : Refusal.VERSION_EXISTS;
            }
        }
        if (version.equals(configured.get(document))) {
            return Refusal.VERSION_EXISTS;
        }
        for (Recorded known : recorded) {
            if (known.document() == document && !effectiveFrom.isAfter(known.effectiveFrom())) {
                return Refusal.NOT_AFTER_LATEST;
            }
        }
        if (effectiveFrom.isBefore(at.plus(notice))) {
            return Refusal.TOO_SOON;
        }
        recorded.add(new Recorded(document, version, effectiveFrom));
        withdrawn.remove(document + " " + version);
        return null;
    }

    /** Withdraws a recorded version at {@code at}, or says why it cannot be; null if withdrawn now or before. */
    public Refusal withdraw(Instant at, TermsDocument document, String version) {
        for (Recorded known : recorded) {
            if (known.document() == document && known.version().equals(version)) {
                if (known.effectiveFrom().isBefore(at.plus(notice))) {
                    return Refusal.TOO_LATE;
                }
                recorded.remove(known);
                withdrawn.add(document + " " + version);
                return null;
            }
        }
        return withdrawn.contains(document + " " + version) ? null : Refusal.NOT_FOUND;
    }

    public boolean isRecorded(TermsDocument document, String version) {
        return recorded.stream().anyMatch(known -> known.document() == document && known.version().equals(version));
    }

    /** Every version of {@code document} recorded or configured. */
    public List<String> versionsOf(TermsDocument document) {
        List<String> versions = new ArrayList<>();
        if (configured.containsKey(document)) {
            versions.add(configured.get(document));
        }
        recorded.stream().filter(known -> known.document() == document).map(Recorded::version).forEach(versions::add);
        return versions;
    }

    /** The instants recorded versions take effect. */
    public List<Instant> effectiveInstants() {
        return recorded.stream().map(Recorded::effectiveFrom).toList();
    }

    /** Whether some document was accepted in a version recorded to take effect after {@code t}. */
    public boolean acceptedAhead(Map<TermsDocument, AcceptedTerms> accepted, Instant t) {
        return accepted.entrySet().stream().anyMatch(acceptance -> recorded.stream().anyMatch(known ->
                known.document() == acceptance.getKey() && known.version().equals(acceptance.getValue().version())
                        && known.effectiveFrom().isAfter(t)));
    }

    public List<OutdatedTerms> outdated(Map<TermsDocument, AcceptedTerms> accepted, Instant t) {
        List<OutdatedTerms> outdated = new ArrayList<>();
        for (TermsDocument document : TermsDocument.values()) {
            AcceptedTerms acceptance = accepted.get(document);
            if (acceptance == null) {
                continue;
            }
            Recorded inForce = null;
            for (Recorded known : recorded) {
                if (known.document() == document && !known.effectiveFrom().isAfter(t)
                        && (inForce == null || known.effectiveFrom().isAfter(inForce.effectiveFrom()))) {
                    inForce = known;
                }
            }
            String current = inForce != null ? inForce.version() : configured.get(document);
            if (current == null || current.equals(acceptance.version())) {
                continue;
            }
            boolean acceptedAhead = recorded.stream().anyMatch(known -> known.document() == document
                    && known.version().equals(acceptance.version()) && known.effectiveFrom().isAfter(t));
            if (!acceptedAhead) {
                outdated.add(new OutdatedTerms(document, acceptance.version(), current,
                        inForce == null ? null : inForce.effectiveFrom()));
            }
        }
        return outdated;
    }
}

package com.quotaledger.terms;

import com.quotaledger.decision.LedgerTime;
import com.quotaledger.policy.TermsPolicy;
import com.quotaledger.terms.api.PublishTermsVersionCommand;
import com.quotaledger.terms.api.TermsVersion;
import com.quotaledger.terms.api.TermsVersionPublishedEvent;
import com.quotaledger.terms.api.TermsVersionRefusedException;
import com.quotaledger.terms.api.TermsVersionRefusedException.Refusal;
import com.quotaledger.terms.api.TermsVersions;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The versions of the terms documents recorded for the whole ledger, one aggregate so that they are recorded in one
 * order. Decisions do not load it: they read its events through {@link RecordedTermsVersions}, which is why a version
 * must be recorded ahead of its effect by the policy's notice. It has a few events a year, so it is never
 * snapshotted.
 */
public class TermsCatalog {

    @AggregateIdentifier
    private String catalogId;
    private TermsVersions recorded = TermsVersions.none();
    private Instant lastEventAt;

    public TermsCatalog() {
        // created by its first version
    }

    /**
     * Records a version, or answers the one recorded already if it is the same (a retried request). The version
     * must be new for its document, take effect after every version of it known, and not sooner than the notice.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public TermsVersion handle(PublishTermsVersionCommand command, Clock clock, TermsPolicy policy) {
        TermsVersion wanted = new TermsVersion(command.document(), command.version(), command.effectiveFrom());
        TermsVersions known = knownWith(policy);
        Optional<TermsVersion> existing = known.find(command.document(), command.version());
        if (existing.isPresent()) {
            if (existing.get().equals(wanted)) {
                return wanted;
            }
            throw new TermsVersionRefusedException(Refusal.VERSION_EXISTS,
                    "%s version '%s' is known already, in force %s.".formatted(command.document(), command.version(),
                            existing.get().effectiveFrom() == null ? "from the start (configured)"
                                    : "from " + existing.get().effectiveFrom()));
        }
        Optional<Instant> latest = known.latest(command.document()).map(TermsVersion::effectiveFrom);
        if (latest.isPresent() && !command.effectiveFrom().isAfter(latest.get())) {
            throw new TermsVersionRefusedException(Refusal.NOT_AFTER_LATEST,
                    "%s already has a version taking effect at %s; a new version must take effect after it."
                            .formatted(command.document(), latest.get()));
        }
        Instant now = LedgerTime.next(clock, lastEventAt);
        Instant earliest = now.plus(policy.notice());
        if (command.effectiveFrom().isBefore(earliest)) {
            throw new TermsVersionRefusedException(Refusal.TOO_SOON,
                    ("A version takes effect at the earliest %s after it is recorded, so that every node knows it in"
                            + " time: not before %s.").formatted(policy.notice(), earliest));
        }
        apply(new TermsVersionPublishedEvent(command.document(), command.version(), command.effectiveFrom(),
                command.publishedBy(), now));
        return wanted;
    }

    @EventSourcingHandler
    void on(TermsVersionPublishedEvent event) {
        catalogId = PublishTermsVersionCommand.CATALOG_ID;
        recorded = recorded.with(event.toVersion());
        lastEventAt = event.publishedAt();
    }

    /** The configured versions followed by the recorded ones: each recorded version took effect after them. */
    private TermsVersions knownWith(TermsPolicy policy) {
        TermsVersions known = TermsVersions.configured(policy.configuredVersions());
        for (TermsVersion version : recorded.all()) {
            known = known.with(version);
        }
        return known;
    }
}

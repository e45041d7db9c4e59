package com.quotaledger.terms;

import com.quotaledger.decision.LedgerTime;
import com.quotaledger.policy.TermsPolicy;
import com.quotaledger.terms.api.PublishTermsVersionCommand;
import com.quotaledger.terms.api.TermsDocument;
import com.quotaledger.terms.api.TermsVersion;
import com.quotaledger.terms.api.TermsVersionPublishedEvent;
import com.quotaledger.terms.api.TermsVersionRefusedException.Refusal;
import com.quotaledger.terms.api.TermsVersionRefusedException;
import com.quotaledger.terms.api.TermsVersionWithdrawnEvent;
import com.quotaledger.terms.api.TermsVersions;
import com.quotaledger.terms.api.WithdrawTermsVersionCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

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
    /** Versions withdrawn and not recorded again, by document and name: withdrawing one again changes nothing. */
    private final Set<Named> withdrawn = new HashSet<>();
    private Instant lastEventAt;

    private record Named(TermsDocument document, String version) {
    }

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

    /**
     * Withdraws a recorded version before it takes effect, with the same notice a new version needs, so that no
     * node holds anyone to it; withdrawing a version withdrawn already changes nothing. Its name may then be
     * recorded again, for another instant.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(WithdrawTermsVersionCommand command, Clock clock, TermsPolicy policy) {
        Optional<TermsVersion> recordedVersion = recorded.find(command.document(), command.version());
        if (recordedVersion.isEmpty()) {
            if (withdrawn.contains(new Named(command.document(), command.version()))) {
                return;
            }
            throw new TermsVersionRefusedException(Refusal.NOT_FOUND,
                    "%s has no recorded version '%s'.".formatted(command.document(), command.version()));
        }
        Instant now = LedgerTime.next(clock, lastEventAt);
        if (recordedVersion.get().effectiveFrom().isBefore(now.plus(policy.notice()))) {
            throw new TermsVersionRefusedException(Refusal.TOO_LATE,
                    ("%s version '%s' takes effect at %s: too soon to withdraw, as every node must learn of it %s"
                            + " ahead. Record a later version instead.").formatted(command.document(),
                            command.version(), recordedVersion.get().effectiveFrom(), policy.notice()));
        }
        apply(new TermsVersionWithdrawnEvent(command.document(), command.version(), command.withdrawnBy(), now));
    }

    @EventSourcingHandler
    void on(TermsVersionPublishedEvent event) {
        catalogId = PublishTermsVersionCommand.CATALOG_ID;
        recorded = recorded.with(event.toVersion());
        withdrawn.remove(new Named(event.document(), event.version()));
        lastEventAt = event.publishedAt();
    }

    @EventSourcingHandler
    void on(TermsVersionWithdrawnEvent event) {
        recorded = recorded.without(event.document(), event.version());
        withdrawn.add(new Named(event.document(), event.version()));
        lastEventAt = event.withdrawnAt();
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

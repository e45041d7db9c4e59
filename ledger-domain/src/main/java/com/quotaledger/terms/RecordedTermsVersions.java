package com.quotaledger.terms;

import com.quotaledger.policy.TermsPolicy;
import com.quotaledger.terms.api.PublishTermsVersionCommand;
import com.quotaledger.terms.api.TermsInForce;
import com.quotaledger.terms.api.TermsVersionPublishedEvent;
import com.quotaledger.terms.api.TermsVersionWithdrawnEvent;
import com.quotaledger.terms.api.TermsVersions;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The configured versions and those the catalog recorded, read from the event store at most once per
 * {@code refreshEvery} of elapsed time (only the events after those read already). A version must be recorded
 * ahead of its effect by the policy's notice, much longer than {@code refreshEvery}, so every node deciding at the
 * instant it takes effect has read it by then. {@link #refreshNow()} makes this node read at once, as after a
 * version is recorded here. The event store is asked for at the first read: it may be built after this.
 */
public final class RecordedTermsVersions implements TermsInForce {

    private final Supplier<? extends EventStore> eventStore;
    private final long refreshEveryNanos;
    private final LongSupplier nanoTime;
    private TermsVersions versions;
    private long nextSequenceNumber;
    private long readAt;
    private boolean stale = true;

    public RecordedTermsVersions(Supplier<? extends EventStore> eventStore, TermsPolicy policy, Duration refreshEvery,
                                 LongSupplier nanoTime) {
        this.eventStore = eventStore;
        this.refreshEveryNanos = refreshEvery.toNanos();
        this.nanoTime = nanoTime;
        this.versions = TermsVersions.configured(policy.configuredVersions());
    }

    @Override
    public synchronized TermsVersions versions() {
        long now = nanoTime.getAsLong();
        if (stale || now - readAt >= refreshEveryNanos) {
            DomainEventStream recorded = eventStore.get().readEvents(PublishTermsVersionCommand.CATALOG_ID,
                    nextSequenceNumber);
            while (recorded.hasNext()) {
                var message = recorded.next();
                if (message.getPayload() instanceof TermsVersionPublishedEvent published) {
                    versions = versions.with(published.toVersion());
                } else if (message.getPayload() instanceof TermsVersionWithdrawnEvent withdrawn) {
                    versions = versions.without(withdrawn.document(), withdrawn.version());
                }
                nextSequenceNumber = message.getSequenceNumber() + 1;
            }
            readAt = now;
            stale = false;
        }
        return versions;
    }

    /** The next {@link #versions()} reads the event store, however recently it did. */
    public synchronized void refreshNow() {
        stale = true;
    }
}

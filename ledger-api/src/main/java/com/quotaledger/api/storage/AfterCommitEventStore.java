package com.quotaledger.api.storage;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.List;

/**
 * Axon's embedded event store, waking the read models' event streams only once the database transaction that stored
 * new events has committed.
 * <p>
 * Axon wakes them when a command's unit of work commits. A command taken in a group (see
 * {@code com.quotaledger.api.audit.GroupCommit}) commits its unit of work inside the group's transaction, before its
 * events are visible to other connections: the streams would look, find nothing, and sleep until their next poll, a
 * second later. Outside a transaction this wakes them at once, as Axon does.
 */
class AfterCommitEventStore extends EmbeddedEventStore {

    AfterCommitEventStore(Builder builder) {
        super(builder);
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake(events);
                }
            });
        } else {
            wake(events);
        }
    }

    private void wake(List<? extends EventMessage<?>> events) {
        super.afterCommit(events);
    }
}

package com.quotaledger.api.commands;

import com.quotaledger.requests.RequestLog.LoggedRequest;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * What the commands of a group write: held back while they run, on the thread that runs them, and written at once
 * just before the group commits. The event storage is the ledger's one.
 */
public interface GroupWrites {

    /**
     * Opens a group on this thread, in the current transaction, and looks up which of {@code requestIds} are decided.
     */
    void open(Collection<String> requestIds);

    /** Where the decision for {@code requestId} is recorded, if it is: earlier in the group, or in the store. */
    Optional<LoggedRequest> decided(String requestId);

    /** Marks the start of the next command's writes, which {@link #discardCommand} takes back. */
    void startCommand();

    /** Takes back what the current command wrote; returns the aggregates it wrote to. */
    Set<String> discardCommand();

    /** The aggregates the group has written to so far. */
    Set<String> pendingAggregates();

    /** Writes what the group holds, in the current transaction. */
    void flush();

    /** Closes this thread's group; whatever it did not flush is forgotten. */
    void close();

    /** Whether a commit is durable only once {@link #makeDurable} has run after it. */
    boolean commitsOnlyAtCheckpoints();

    /**
     * Makes every commit so far survive the process: written to the operating system, which keeps it if the process
     * dies; with {@code toDisk}, also forced from there to the disk.
     */
    void makeDurable(boolean toDisk);
}

package com.quotaledger.readmodels;

import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.ErrorHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What the read models do with a batch of events they cannot write, whether a projection failed on an event or the
 * batch's writes failed at commit: let the failure through, so that the segment stops on the batch and tries it again
 * after a back-off (rows logged and skipped would be missing for good), and remember where it stopped until the read
 * models have projected past it, for their status and the node's health.
 */
@Component
public class ReadModelFailures implements ErrorHandler {

    /** The read models stopped on a batch of events that ends at {@code position}, first at {@code since}. */
    public record Failure(long position, Instant since) {
    }

    private final AtomicReference<Failure> latest = new AtomicReference<>();

    @Override
    public void handleError(ErrorContext context) throws Exception {
        long end = -1;
        for (EventMessage<?> event : context.failedEvents()) {
            if (event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
                end = Math.max(end, tracked.trackingToken().position().orElse(-1));
            }
        }
        if (end >= 0) {
            long position = end;
            latest.updateAndGet(failure -> failure != null && failure.position() == position ? failure
                    : new Failure(position, Instant.now()));
        }
        Throwable error = context.error();
        if (error instanceof Exception exception) {
            throw exception;
        }
        throw (Error) error;
    }

    /**
     * The failure the read models have not got past, given the position up to which they have projected (asked only
     * when there was a failure, so that a healthy node's health check reads nothing).
     */
    public Optional<Failure> unresolved(Supplier<OptionalLong> projectedUpTo) {
        Failure failure = latest.get();
        if (failure == null) {
            return Optional.empty();
        }
        OptionalLong position = projectedUpTo.get();
        if (position.isPresent() && position.getAsLong() >= failure.position()) {
            latest.compareAndSet(failure, null);
            return Optional.empty();
        }
        return Optional.of(failure);
    }
}

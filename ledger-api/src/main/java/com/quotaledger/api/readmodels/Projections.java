package com.quotaledger.api.readmodels;

import com.quotaledger.decision.LedgerEvent;
import com.quotaledger.readmodels.ReadModelFailures;
import com.quotaledger.readmodels.ReadModels;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The read models' processors: how far each has projected, and their replay. A segment's position is what this node
 * knows it has committed: for a segment it works on, the position its status reached after the last batch it committed
 * (a segment that none of the latest events belong to writes its token only now and then); for a segment another node
 * works on, the position in its stored token.
 */
@Component
public class Projections {

    public static final List<String> READ_MODELS = List.of(ReadModels.PROCESSING_GROUP);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final ReadModelFailures failures;

    Projections(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer,
                ReadModelFailures failures) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.failures = failures;
    }

    /**
     * How current a read model is: the position of the last event it includes (the lowest over its segments) and that
     * event's time on the ledger's clock; null when it has included nothing yet.
     */
    public record ProjectedUpTo(Long position, Instant eventTime, boolean replaying) {
    }

    public ProjectedUpTo projectedUpTo(String processorName) {
        OptionalLong position = storedPosition(processorName);
        return new ProjectedUpTo(position.isPresent() ? position.getAsLong() : null,
                position.isPresent() ? eventTimeAt(position.getAsLong()) : null, isReplaying(processorName));
    }

    /**
     * Waits until the processor has included every event stored now and is not replaying; false if it does not
     * within {@code timeout}.
     */
    public boolean awaitCaughtUp(String processorName, Duration timeout) {
        Long head = headPosition();
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            ProjectedUpTo upTo = projectedUpTo(processorName);
            boolean caughtUp = !upTo.replaying() && (head == null
                    || upTo.position() != null && upTo.position() >= head);
            if (caughtUp) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    public record SegmentStatus(int segment, Long position, boolean caughtUp, boolean replaying, boolean error) {
    }

    /** {@code stopped}: the events the processor cannot project and keeps trying, null when there are none. */
    public record ProcessorStatus(String name, boolean running, boolean replaying, Long headPosition,
                                  Long position, Long lag, Double replayProgress, List<SegmentStatus> segments,
                                  Stopped stopped) {
    }

    /** The processor stopped on a batch of events ending at {@code position}, first at {@code since}. */
    public record Stopped(long position, Instant since) {
    }

    /** The events the read models stopped on and keep trying, if they have not projected past them. */
    public Optional<Stopped> stopped() {
        return failures.unresolved(() -> storedPosition(ReadModels.PROCESSING_GROUP))
                .map(failure -> new Stopped(failure.position(), failure.since()));
    }

    public List<ProcessorStatus> status() {
        Long head = headPosition();
        return READ_MODELS.stream().map(name -> {
            StreamingEventProcessor processor = processor(name);
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            OptionalLong position = storedPosition(name);
            Long at = position.isPresent() ? position.getAsLong() : null;
            return new ProcessorStatus(name, processor.isRunning(), processor.isReplaying(), head, at,
                    head == null ? Long.valueOf(0) : Long.valueOf(head - (at == null ? -1 : at)),
                    replayProgress(segments),
                    segments.values().stream()
                            .sorted(Comparator.comparingInt(status -> status.getSegment().getSegmentId()))
                            .map(status -> new SegmentStatus(status.getSegment().getSegmentId(),
                                    status.getCurrentPosition().isPresent()
                                            ? status.getCurrentPosition().getAsLong() : null,
                                    status.isCaughtUp(), status.isReplaying(), status.isErrorState()))
                            .toList(),
                    stopped().orElse(null));
        }).toList();
    }

    private boolean isReplaying(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .map(StreamingEventProcessor::isReplaying).orElse(false);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + name));
    }

    /** The lowest position over the processor's segments; empty while some segment has included nothing yet. */
    private OptionalLong storedPosition(String processorName) {
        Map<Integer, EventTrackerStatus> workedOnHere = processor(processorName).processingStatus();
        List<OptionalLong> positions = jdbc.query(
                "SELECT segment, token, token_type FROM token_entry WHERE processor_name = ?",
                (row, index) -> {
                    EventTrackerStatus status = workedOnHere.get(row.getInt(1));
                    if (status != null && !status.isErrorState() && status.getCurrentPosition().isPresent()) {
                        return status.getCurrentPosition();
                    }
                    byte[] token = row.getBytes(2);
                    if (token == null) {
                        return OptionalLong.empty();
                    }
                    TrackingToken tracking = serializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, row.getString(3), null));
                    return tracking == null ? OptionalLong.empty() : tracking.position();
                }, processorName);
        if (positions.isEmpty() || positions.stream().anyMatch(OptionalLong::isEmpty)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(positions.stream().mapToLong(OptionalLong::getAsLong).min().orElseThrow());
    }

    private Instant eventTimeAt(long position) {
        return jdbc.query("SELECT payload_type, payload_revision, payload FROM domain_event_entry WHERE global_index = ?",
                (row, index) -> {
                    Object payload = serializer.deserialize(new SimpleSerializedObject<>(row.getBytes(3), byte[].class,
                            row.getString(1), row.getString(2)));
                    return payload instanceof LedgerEvent event ? event.occurredAt() : null;
                }, position).stream().filter(Objects::nonNull).findFirst().orElse(null);
    }

    private Long headPosition() {
        return jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
    }

    private static Double replayProgress(Map<Integer, EventTrackerStatus> segments) {
        long done = 0;
        long total = 0;
        for (EventTrackerStatus status : segments.values()) {
            if (status.isReplaying() && status.getResetPosition().isPresent()) {
                total += status.getResetPosition().getAsLong();
                done += status.getCurrentPosition().orElse(0);
            }
        }
        return total == 0 ? null : Math.min(1.0, (double) done / total);
    }
}

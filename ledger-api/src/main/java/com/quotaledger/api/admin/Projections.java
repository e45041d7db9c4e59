package com.quotaledger.api.admin;

import com.quotaledger.decision.LedgerEvent;
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
import java.util.OptionalLong;

/**
 * The read models' processors: how far each has projected, and their replay. Positions come from the token store,
 * so they are the same whichever node answers.
 */
@Component
public class Projections {

    public static final List<String> READ_MODELS = List.of(ReadModels.PROCESSING_GROUP);

    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    Projections(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
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

    public record ProcessorStatus(String name, boolean running, boolean replaying, Long headPosition,
                                  Long position, Long lag, Double replayProgress, List<SegmentStatus> segments) {
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
                            .toList());
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

    /** The lowest position over the processor's stored segment tokens. */
    private OptionalLong storedPosition(String processorName) {
        List<OptionalLong> positions = jdbc.query(
                "SELECT token, token_type FROM token_entry WHERE processor_name = ?",
                (row, index) -> {
                    byte[] token = row.getBytes(1);
                    if (token == null) {
                        return OptionalLong.empty();
                    }
                    TrackingToken tracking = serializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, row.getString(2), null));
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
                }, position).stream().findFirst().orElse(null);
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

package com.quotaledger.api.readmodels;

import com.quotaledger.api.config.LedgerProperties;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.ProblemReason;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds every read model from the event store, on one node or on many that share it.
 * <p>
 * A processor's tokens can only be reset by the node that holds every one of its segments, and segments are spread
 * over the nodes. So the asking node marks the replay in {@code projection_replay}; every other node sees the mark
 * within half a second, stops its read-model processors and so releases its segments; the asking node
 * resets the tokens once it can claim them all, and clears the mark; the others start again. A node that died holding
 * segments releases them when its claims time out. A mark left by a node that died mid-replay is ignored after
 * {@link #ABANDONED_AFTER}.
 * <p>
 * These times are the machines' clocks, not the ledger's: a test clock may stand anywhere.
 */
@Component
public class Replays {

    private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration ABANDONED_AFTER = RELEASE_TIMEOUT.multipliedBy(4);
    private static final Duration CLAIM_RETRY = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(Replays.class);

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final String node;
    private boolean stoppedForAnotherNode;

    Replays(EventProcessingConfiguration processing, JdbcTemplate jdbc, LedgerProperties properties) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.node = properties.node();
    }

    /**
     * Stops the read models' processors on every node, sends their tokens back to the start (their reset handlers
     * clear their tables) and starts them again. Returns once the rebuild has begun; queries answer from the partly
     * rebuilt models meanwhile, and say so with {@code replaying}.
     *
     * @throws ApiProblem {@code REPLAY_IN_PROGRESS} if another replay has not finished resetting, and
     *                    {@code REPLAY_BLOCKED} if another node kept its segments of a read model, which is then
 *                    left as it was
     */
    public void replayAll() {
        Instant now = Instant.now();
        int marked = jdbc.update("""
                        UPDATE projection_replay SET state = 'RESETTING', requested_by = ?, requested_at = ?
                        WHERE id = 1 AND (state = 'IDLE' OR requested_at < ?)""",
                node, Timestamp.from(now), Timestamp.from(now.minus(ABANDONED_AFTER)));
        if (marked == 0) {
            throw new ApiProblem(ProblemReason.REPLAY_IN_PROGRESS,
                    "Another replay of the read models is being started; try again in a few seconds.");
        }
        List<StreamingEventProcessor> readModels = readModels();
        try {
            readModels.forEach(StreamingEventProcessor::shutDown);
            resetOnceReleased(readModels, now.plus(RELEASE_TIMEOUT));
        } finally {
            readModels.forEach(StreamingEventProcessor::start);
            jdbc.update("UPDATE projection_replay SET state = 'IDLE' WHERE id = 1 AND requested_by = ?", node);
        }
    }

    /** Follows a replay asked of another node: stops this node's read models while it resets, then starts them. */
    @Scheduled(fixedDelayString = "PT0.5S")
    void follow() {
        boolean resettingElsewhere = Boolean.TRUE.equals(jdbc.queryForObject("""
                        SELECT COUNT(*) > 0 FROM projection_replay
                        WHERE id = 1 AND state = 'RESETTING' AND requested_by <> ? AND requested_at >= ?""",
                Boolean.class, node, Timestamp.from(Instant.now().minus(ABANDONED_AFTER))));
        if (resettingElsewhere && !stoppedForAnotherNode) {
            log.info("Another node is replaying the read models; stopping them here until it has reset them");
            readModels().forEach(StreamingEventProcessor::shutDown);
            stoppedForAnotherNode = true;
        } else if (!resettingElsewhere && stoppedForAnotherNode) {
            readModels().forEach(StreamingEventProcessor::start);
            stoppedForAnotherNode = false;
        }
    }

    /** Resets each processor as soon as this node can claim all of its segments. */
    private void resetOnceReleased(List<StreamingEventProcessor> processors, Instant deadline) {
        List<StreamingEventProcessor> waiting = new ArrayList<>(processors);
        while (true) {
            waiting.removeIf(Replays::resetIfReleased);
            if (waiting.isEmpty()) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ApiProblem(ProblemReason.REPLAY_BLOCKED,
                        "Another node kept its segments of " + waiting.stream().map(StreamingEventProcessor::getName)
                                .toList() + " for " + RELEASE_TIMEOUT.toSeconds() + " seconds, so they were not "
                                + "reset. Try again, or stop that node first.")
                        .with("notReset", waiting.stream().map(StreamingEventProcessor::getName).toList());
            }
            try {
                Thread.sleep(CLAIM_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for other nodes", e);
            }
        }
    }

    private static boolean resetIfReleased(StreamingEventProcessor processor) {
        try {
            processor.resetTokens();
            return true;
        } catch (UnableToClaimTokenException heldElsewhere) {
            return false;
        }
    }

    private List<StreamingEventProcessor> readModels() {
        return Projections.READ_MODELS.stream()
                .map(name -> processing.eventProcessor(name, StreamingEventProcessor.class)
                        .orElseThrow(() -> new IllegalStateException("no streaming processor " + name)))
                .toList();
    }
}

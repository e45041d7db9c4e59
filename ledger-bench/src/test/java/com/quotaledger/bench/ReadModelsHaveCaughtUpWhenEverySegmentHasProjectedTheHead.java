package com.quotaledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark reads the ledger's CPU once its read models have projected a workload. A segment that had no events
 * of its own stores its position seconds late, so the positions its segments hold in memory count as well; a replay
 * that has only just been started must not look finished.
 */
class ReadModelsHaveCaughtUpWhenEverySegmentHasProjectedTheHead {

    @Test
    void aStoredPositionThatLagsDoesNotHoldBackSegmentsThatHaveProjectedEverything() {
        assertThat(Targets.LedgerProcess.caughtUp(processor(false, 7, 5, 2, "[7, 7, 7, 7]"))).isTrue();
    }

    @Test
    void noLagIsCaughtUp() {
        assertThat(Targets.LedgerProcess.caughtUp(processor(false, 7, 7, 0, "[7, 7, 7, 7]"))).isTrue();
        assertThat(Targets.LedgerProcess.caughtUp(processor(false, null, null, 0, "[null, null]"))).isTrue();
    }

    @Test
    void aSegmentBehindTheHeadIsNotCaughtUp() {
        assertThat(Targets.LedgerProcess.caughtUp(processor(false, 7, 5, 2, "[7, 6, 7, 7]"))).isFalse();
        assertThat(Targets.LedgerProcess.caughtUp(processor(false, 7, 5, 2, "[7, null, 7, 7]"))).isFalse();
    }

    @Test
    void aReplayIsNotCaughtUpFromItsStartUntilItEnds() {
        // reset, before any segment is claimed again
        assertThat(Targets.LedgerProcess.caughtUp(processor(false, 7, null, 8, "[]"))).isFalse();
        // claimed again, the positions in memory still those from before the reset
        assertThat(Targets.LedgerProcess.caughtUp(processor(false, 7, null, 8, "[7, 7, 7, 7]"))).isFalse();
        assertThat(Targets.LedgerProcess.caughtUp(processor(true, 7, 7, 0, "[7, 7, 7, 7]"))).isFalse();
    }

    private static JsonNode processor(boolean replaying, Integer head, Integer position, long lag, String segments) {
        StringBuilder json = new StringBuilder("{\"name\":\"read-models\",\"running\":true,\"replaying\":")
                .append(replaying).append(",\"headPosition\":").append(head).append(",\"position\":")
                .append(position).append(",\"lag\":").append(lag).append(",\"segments\":[");
        String[] positions = segments.substring(1, segments.length() - 1).split(",\\s*");
        for (int i = 0; i < positions.length && !positions[i].isEmpty(); i++) {
            json.append(i == 0 ? "" : ",").append("{\"segment\":").append(i).append(",\"position\":")
                    .append(positions[i]).append(",\"caughtUp\":true,\"replaying\":false,\"error\":false}");
        }
        try {
            return Targets.JSON.readTree(json.append("]}").toString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

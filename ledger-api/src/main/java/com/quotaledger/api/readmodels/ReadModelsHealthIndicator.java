package com.quotaledger.api.readmodels;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The read models in the node's health ({@code readModels}): down while they are stopped on events they cannot
 * project. Such events are never skipped: the segment tries them again after a back-off, and this is up once they are
 * in.
 */
@Component
class ReadModelsHealthIndicator implements HealthIndicator {

    private final Projections projections;

    ReadModelsHealthIndicator(Projections projections) {
        this.projections = projections;
    }

    @Override
    public Health health() {
        return projections.stopped()
                .map(stopped -> Health.down().withDetail("stoppedAtPosition", stopped.position())
                        .withDetail("since", stopped.since()).build())
                .orElseGet(() -> Health.up().build());
    }
}

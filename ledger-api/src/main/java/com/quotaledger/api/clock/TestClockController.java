package com.quotaledger.api.clock;

import com.quotaledger.api.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Walks the ledger through time, for people and black-box tests. Exists only with ledger.test-clock.enabled. */
@Tag(name = "Test clock")
@RestController
@RequestMapping("/api/v1/test-clock")
@ConditionalOnProperty(name = "ledger.test-clock.enabled", havingValue = "true")
class TestClockController {

    record ClockJson(Instant now) {
    }

    record AdvanceBody(@NotNull String duration) {
    }

    private final TestClock clock;
    private final TestClockAdvances advances;

    TestClockController(TestClock clock, TestClockAdvances advances) {
        this.clock = clock;
        this.advances = advances;
    }

    @Operation(operationId = "getTestClock", summary = "The test clock's time")
    @GetMapping
    ClockJson now() {
        return new ClockJson(clock.instant());
    }

    @Operation(operationId = "advanceTestClock", summary = "Move the test clock forward",
            description = "Each move is stored as an event with its actor: GET /api/v1/audit/test-clock/history.")
    @PostMapping("/advance")
    ClockJson advance(@Valid @RequestBody AdvanceBody body) {
        Duration duration;
        try {
            duration = Duration.parse(body.duration());
        } catch (DateTimeParseException e) {
            throw ApiProblem.invalidField("duration", "duration must be an ISO-8601 duration such as P30D or PT1H.");
        }
        if (duration.isNegative() || duration.compareTo(TestClock.MAX_ADVANCE) > 0) {
            throw ApiProblem.invalidField("duration",
                    "duration must be between PT0S and P3653D: the clock never moves backwards.");
        }
        return new ClockJson(advances.advance(duration));
    }
}

package com.quotaledger.api.recipient;

import com.quotaledger.api.aggregates.RecipientHistory;
import com.quotaledger.api.web.ApiProblem;
import com.quotaledger.api.web.Instants;
import com.quotaledger.api.web.Refusals;
import com.quotaledger.decision.DenialReason;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.recipient.api.FindFitCommand;
import com.quotaledger.recipient.api.IdCounts;
import com.quotaledger.recipient.api.Quota;
import com.quotaledger.recipient.api.RecipientView;
import com.quotaledger.recipient.api.Release;
import com.quotaledger.recipient.api.ScheduledReleasesCommand;
import com.quotaledger.recipient.api.ShareFit;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import static com.quotaledger.api.web.ProblemReason.INVALID_FIELD;
import static com.quotaledger.api.web.ProblemReason.RECIPIENT_NOT_FOUND;

/**
 * How a recipient's capacity moves: its usage over a past period, when the IDs in its window come back, and when a
 * share of a given size would fit. Each is computed from the recipient's own history, by the code that decides.
 */
@Tag(name = "Recipients")
@RestController
@RequestMapping("/api/v1/recipients/{recipientId}")
class CapacityController {

    /** The most points one series holds: a year of days, or a day of five-minute steps, with room to spare. */
    static final int MAX_POINTS = 1_000;
    static final Duration DEFAULT_SERIES = Duration.ofDays(90);
    static final Duration DEFAULT_STEP = Duration.ofDays(1);

    /** The quota at one instant of a series: used and reserved against the limit in force then. */
    record UsagePoint(Instant at, long used, long reserved, long limit, String limitSource) {

        static UsagePoint of(Quota quota) {
            return new UsagePoint(quota.asOf(), quota.used(), quota.reserved(), quota.limit(), quota.limitSource());
        }
    }

    record UsageSeries(String recipientId, Instant from, Instant to, Duration step, List<UsagePoint> points) {
    }

    record Releases(String recipientId, Instant asOf, Instant until, List<Release> releases) {
    }

    @Schema(description = "FITS_NOW: granted now; FITS_LATER: from fitsAt, the retryAt its 429 would carry; "
            + "NEVER: not as things stand, for reason")
    enum Fit {
        FITS_NOW, FITS_LATER, NEVER
    }

    record FitJson(String recipientId, Instant asOf, long postIdCount, long userIdCount, long directMessageIdCount,
                   Fit fit, Instant fitsAt,
                   @Schema(ref = "#/components/schemas/DenialReason") String reason, QuotaJson quota) {
    }

    private final Recipients recipients;
    private final RecipientHistory history;
    private final RedistributionPolicy policy;

    CapacityController(Recipients recipients, RecipientHistory history, RedistributionPolicy policy) {
        this.recipients = recipients;
        this.history = history;
        this.policy = policy;
    }

    @Operation(operationId = "getRecipientUsageSeries",
            summary = "Post IDs in the window at each step of a past period, against the limit in force then",
            description = "Each point is exactly the quota `asOf` its instant would answer. Points start at "
                    + "`from` (default: 90 days before `to`) or at the recipient's registration, whichever is "
                    + "later, and step by `step` (default P1D) up to `to` (default: now); at most "
                    + MAX_POINTS + " points.")
    @Refusals({RECIPIENT_NOT_FOUND, INVALID_FIELD})
    @GetMapping("/usage-series")
    UsageSeries usageSeries(@PathVariable String recipientId,
                            @Parameter(description = "ISO-8601 instant") @RequestParam(required = false) String from,
                            @Parameter(description = "ISO-8601 instant") @RequestParam(required = false) String to,
                            @Parameter(description = "ISO-8601 duration") @RequestParam(required = false)
                            String step) {
        RecipientView now = describe(recipientId);
        Instant end = to == null ? now.asOf() : Instants.parse("to", to);
        if (end.isAfter(now.asOf())) {
            throw ApiProblem.invalidField("to", "to must not be in the future: usage then is not known yet.");
        }
        Instant start = from == null ? end.minus(DEFAULT_SERIES) : Instants.parse("from", from);
        Duration stepping = step == null ? DEFAULT_STEP : duration("step", step);
        if (stepping.isNegative() || stepping.isZero()) {
            throw ApiProblem.invalidField("step", "step must be above zero.");
        }
        if (start.isAfter(end)) {
            throw ApiProblem.invalidField("from", "from must not be after to.");
        }
        // bounded by what was asked, not by what the history holds, so that a client learns it at once
        if (Duration.between(start, end).dividedBy(stepping) >= MAX_POINTS) {
            throw ApiProblem.invalidField("step", "A series holds at most " + MAX_POINTS
                    + " points: take a longer step or a shorter period.");
        }
        Instant first = start;
        if (first.isBefore(now.registeredAt())) {
            // the first step at or after the registration, on the grid that starts at from
            long stepsBefore = Duration.between(first, now.registeredAt()).dividedBy(stepping);
            first = first.plus(stepping.multipliedBy(stepsBefore));
            if (first.isBefore(now.registeredAt())) {
                first = first.plus(stepping);
            }
        }
        List<UsagePoint> points = new ArrayList<>();
        for (Instant at = first; !at.isAfter(end); at = at.plus(stepping)) {
            points.add(UsagePoint.of(history.asOf(recipientId, at).postIds()));
        }
        return new UsageSeries(recipientId, start, end, stepping, points);
    }

    @Operation(operationId = "getRecipientReleases",
            summary = "When the Post IDs in the window leave it, up to until (default: one window from now)",
            description = "Each release with its amount and the running sum: when capacity comes back, granting "
                    + "nothing more meanwhile.")
    @Refusals({RECIPIENT_NOT_FOUND, INVALID_FIELD})
    @GetMapping("/releases")
    Releases releases(@PathVariable String recipientId,
                      @Parameter(description = "ISO-8601 instant") @RequestParam(required = false) String until) {
        RecipientView now = describe(recipientId);
        Instant last = until == null ? now.asOf().plus(policy.rollingWindow()) : Instants.parse("until", until);
        return new Releases(recipientId, now.asOf(), last,
                recipients.ask(recipientId, new ScheduledReleasesCommand(recipientId, last)));
    }

    @Operation(operationId = "getRecipientFit",
            summary = "The earliest instant a standard share of these counts would be granted, as things stand",
            description = "The computation a share's decision makes, recording nothing: now, the `retryAt` its "
                    + "429 would carry, or never with the reason its denial would give.")
    @Refusals({RECIPIENT_NOT_FOUND, INVALID_FIELD})
    @GetMapping("/fit")
    FitJson fit(@PathVariable String recipientId,
                @RequestParam(required = false) String postIdCount,
                @RequestParam(required = false) String userIdCount,
                @RequestParam(required = false) String directMessageIdCount) {
        Recipients.requireValidId(recipientId);
        IdCounts ids = new IdCounts(count("postIdCount", postIdCount), count("userIdCount", userIdCount),
                count("directMessageIdCount", directMessageIdCount));
        ShareFit fit = recipients.ask(recipientId, new FindFitCommand(recipientId, ids));
        Fit answer = fit.reason() == null ? Fit.FITS_NOW
                : fit.reason() == DenialReason.ROLLING_LIMIT_EXCEEDED ? Fit.FITS_LATER : Fit.NEVER;
        return new FitJson(recipientId, fit.asOf(), ids.postIds(), ids.userIds(), ids.directMessageIds(), answer,
                fit.fitsAt(), fit.reason() == null ? null : fit.reason().name(), QuotaJson.of(fit.quota()));
    }

    private RecipientView describe(String recipientId) {
        Recipients.requireValidId(recipientId);
        return recipients.describe(recipientId);
    }

    private static long count(String name, String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            long count = Long.parseLong(value.strip());
            if (count >= 0 && count <= IdCounts.MAX_IDS_PER_REQUEST) {
                return count;
            }
        } catch (NumberFormatException notANumber) {
            // answered below
        }
        throw ApiProblem.invalidField(name, name + " must be a whole number from 0 to "
                + IdCounts.MAX_IDS_PER_REQUEST + ".");
    }

    private static Duration duration(String name, String value) {
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException unreadable) {
            throw ApiProblem.invalidField(name, name + " must be an ISO-8601 duration such as P1D or PT1H.");
        }
    }
}

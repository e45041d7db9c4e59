package com.quotaledger.api.config;

import com.quotaledger.api.web.Text;
import com.quotaledger.policy.ObjectExportPolicy;
import com.quotaledger.policy.RedistributionPolicy;
import com.quotaledger.policy.TermsPolicy;
import com.quotaledger.recipient.api.IdKind;
import com.quotaledger.terms.api.TermsDocument;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The ledger's settings, under {@code ledger.*}. Every one has a default, so the embedded store runs as is.
 *
 * @param dataDir     where the embedded H2 database lives
 * @param policy      the limits the ledger enforces
 * @param testClock   a clock that only moves when told to, for walking recipients through months in seconds
 * @param idempotency how long requestIds are remembered
 * @param snapshots   when a recipient's state is snapshotted, so loading it stays fast however long its history
 * @param cache       how many recipients and persons stay in memory between commands
 * @param projections how the read models' event streams are processed
 * @param reservations how long reservations may hold IDs, and how often their expiries are recorded
 * @param nodeId      this node's name among the nodes that share one store, as it appears in the token store's
 *                    claims; by default its process and host ({@code pid@host}), unique unless two ledgers run in
 *                    one JVM
 */
@Validated
@ConfigurationProperties("ledger")
public record LedgerProperties(@DefaultValue("./data") @NotNull Path dataDir,
                               @DefaultValue @Valid Policy policy,
                               @DefaultValue @Valid TestClock testClock,
                               @DefaultValue @Valid Idempotency idempotency,
                               @DefaultValue @Valid Snapshots snapshots,
                               @DefaultValue @Valid Cache cache,
                               @DefaultValue @Valid Projections projections,
                               @DefaultValue @Valid Reservations reservations,
                               String nodeId) {

    /**
     * @param rollingLimit   the most IDs of the counted kinds one entity may receive within the rolling window
     * @param rollingWindow  the length of the rolling window
     * @param countedIdKinds   which kinds of IDs count against the limit (all kinds are recorded and reported)
     * @param dailyObjectLimit the most full Post and User objects together to one person per calendar day
     * @param dayZone          the zone whose calendar days the daily object limit counts
     * @param windowGranularity shares granted within one granule take one entry of a recipient's window and leave it
     *                          together, up to one granularity late (never early); the default, one millisecond, is
     *                          exact
     * @param terms             which versions of the terms documents must have been accepted
     */
    public record Policy(@DefaultValue("1500000") @PositiveOrZero long rollingLimit,
                         @DefaultValue("P30D") @NotNull Duration rollingWindow,
                         @DefaultValue("POST") @NotEmpty Set<IdKind> countedIdKinds,
                         @DefaultValue("500") @PositiveOrZero long dailyObjectLimit,
                         @DefaultValue("UTC") @NotNull ZoneId dayZone,
                         @DefaultValue("PT0.001S") @NotNull Duration windowGranularity,
                         @DefaultValue @Valid Terms terms) {

        public RedistributionPolicy toRedistributionPolicy() {
            return new RedistributionPolicy(rollingLimit, rollingWindow, countedIdKinds, windowGranularity);
        }

        public ObjectExportPolicy toObjectExportPolicy() {
            return new ObjectExportPolicy(dailyObjectLimit, dayZone);
        }

        public TermsPolicy toTermsPolicy() {
            return new TermsPolicy(terms.currentVersions(), terms.notice());
        }
    }

    /**
     * @param currentVersions the version of each document in force until a version recorded through the API takes
     *                        effect ({@code ledger.policy.terms.current-versions.developer-policy=2024-09-27}); a
     *                        document with no version configured or recorded accepts any version
     * @param notice          how far ahead of its effect a version must be recorded, so that every node has read it
     *                        by then (nodes read the recorded versions every {@code refresh-interval})
     * @param refreshInterval how often a node reads the versions recorded on other nodes; keep it well below the notice
     */
    public record Terms(Map<TermsDocument,
                                @NotBlank @Size(max = 64) @Pattern(regexp = Text.PRINTABLE) String> currentVersions,
                        @DefaultValue("PT1M") @NotNull Duration notice,
                        @DefaultValue("PT1S") @NotNull Duration refreshInterval) {

        public Terms {
            currentVersions = currentVersions == null ? Map.of() : Map.copyOf(currentVersions);
        }

        @AssertTrue(message = "refresh-interval must be shorter than notice, or not every node knows a version in time")
        public boolean isRefreshedWithinTheNotice() {
            return notice.isZero() || refreshInterval.compareTo(notice) < 0;
        }
    }

    /** This node's name: the configured one, else {@code pid@host}. */
    public String node() {
        return nodeId != null && !nodeId.isBlank() ? nodeId : ManagementFactory.getRuntimeMXBean().getName();
    }

    public record TestClock(@DefaultValue("false") boolean enabled) {
    }

    /**
     * @param retention     unset (the default): every requestId is remembered for good, so a request sent again at
     *                      any later time returns its original decision; set: requestIds decided longer ago than this
     *                      may be forgotten, and are then decided anew
     * @param pruneInterval how often requestIds past the retention are forgotten, when there is one
     */
    public record Idempotency(Duration retention,
                              @DefaultValue("PT1H") @NotNull Duration pruneInterval) {

        public Optional<Duration> retained() {
            return Optional.ofNullable(retention);
        }
    }

    /**
     * @param segments        how many parts each read model's event stream is split into, for nodes to share
     * @param batchSize       events projected in one transaction
     * @param segmentsPerNode the most segments of one read model this node claims; below {@code segments}, the
     *                        work is spread over the nodes instead of going to whichever started first
     */
    public record Projections(@DefaultValue("4") @Min(1) @Max(256) int segments,
                              @DefaultValue("200") @Min(1) @Max(10000) int batchSize,
                              @DefaultValue("256") @Min(1) @Max(256) int segmentsPerNode) {
    }

    /**
     * @param maxHold        the longest a reservation may hold its IDs ({@code holdFor})
     * @param expiryInterval how often each node looks for reservations past their expiry whose expiry is not yet
     *                       recorded; the expiry itself is exact without it
     */
    public record Reservations(@DefaultValue("PT24H") @NotNull Duration maxHold,
                               @DefaultValue("PT5S") @NotNull Duration expiryInterval) {
    }

    /** @param eventThreshold a snapshot is taken after this many events have been loaded or applied */
    public record Snapshots(@DefaultValue("200") @Min(1) int eventThreshold) {
    }

    /**
     * @param aggregates the most recipients and persons kept in memory; past it, the least used leave, and are loaded
     *                   again (from their snapshots) when next asked for
     */
    public record Cache(@DefaultValue("10000") @Min(1) int aggregates) {
    }
}

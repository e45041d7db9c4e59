package com.quotaledger.api.security;

import com.quotaledger.api.DataDirs;
import com.quotaledger.api.LedgerProcess;
import com.quotaledger.api.RunningLedger;
import com.quotaledger.api.TestStore;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.List;

import static com.quotaledger.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ledger knows API tokens only by their SHA-256. Without configured tokens, its first start creates one
 * administrator token, hands it over once in a file only its owner may read, and keeps only the hash; a bootstrap
 * token given for automation takes the random one's place. Configured tokens replace it, and a configuration that
 * names no real role or no real hash stops the start.
 */
class ApiTokensAreKnownOnlyByTheirHash {

    private static final String PROJECTIONS = "/api/v1/admin/projections";
    private static final String AUTOMATION_TOKEN = "automation-secret-of-at-least-32-chars";

    @Test
    void aFirstStartWithoutTokensHandsOverOneAdministratorTokenAndKeepsOnlyItsHash() throws Exception {
        Path dataDir = DataDirs.fresh("first-token");
        String token;
        try (LedgerProcess ledger = LedgerProcess.start(dataDir, "--ledger.security.bootstrap-token=")) {
            Path file = dataDir.resolve("initial-admin-token");
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            token = Files.readString(file, StandardCharsets.UTF_8).strip();
            assertThat(token).hasSizeGreaterThanOrEqualTo(40);

            assertThat(ledger.client().as(token).get(PROJECTIONS).status()).isEqualTo(200);
            assertProblem(ledger.client().get(PROJECTIONS), 401, "UNAUTHENTICATED");
            assertThat(ledger.output()).contains(file.toString()).doesNotContain(token);
            ledger.kill();
        }
        TestStore store = TestStore.current();
        try (Connection connection = DriverManager.getConnection(store.url(dataDir), store.username(), "");
             ResultSet stored = connection.createStatement().executeQuery("SELECT sha256 FROM initial_admin_token")) {
            assertThat(stored.next()).isTrue();
            assertThat(stored.getString(1)).isEqualTo(sha256(token));
        }

        try (LedgerProcess restarted = LedgerProcess.start(dataDir, "--ledger.security.bootstrap-token=")) {
            assertThat(restarted.client().as(token).get(PROJECTIONS).status()).isEqualTo(200);
            assertThat(Files.readString(dataDir.resolve("initial-admin-token")).strip()).isEqualTo(token);
            assertThat(restarted.output()).doesNotContain(token).doesNotContain("was created");
        }
    }

    @Test
    void aBootstrapTokenIsTheFirstAdministratorTokenAndNoFileIsWritten() {
        Path dataDir = DataDirs.fresh("bootstrap-token");
        try (RunningLedger ledger = RunningLedger.start(dataDir,
                "--ledger.security.bootstrap-token=" + AUTOMATION_TOKEN)) {
            assertThat(ledger.client().as(AUTOMATION_TOKEN).get(PROJECTIONS).status()).isEqualTo(200);
            assertProblem(ledger.client().get(PROJECTIONS), 401, "UNAUTHENTICATED");
            assertThat(dataDir.resolve("initial-admin-token")).doesNotExist();
        }
    }

    @Test
    void aBootstrapTokenOtherThanTheRecordedOneStopsTheStartInsteadOfBeingIgnored() {
        Path dataDir = DataDirs.fresh("rotated-bootstrap-token");
        RunningLedger.start(dataDir, "--ledger.security.bootstrap-token=" + AUTOMATION_TOKEN).close();

        String rotated = "another-automation-secret-of-32-chars";
        assertThatThrownBy(() -> RunningLedger.start(dataDir, "--ledger.security.bootstrap-token=" + rotated).close())
                .hasStackTraceContaining("is not the administrator token recorded at this store's first start");
        try (RunningLedger same = RunningLedger.start(dataDir,
                "--ledger.security.bootstrap-token=" + AUTOMATION_TOKEN)) {
            assertThat(same.client().as(AUTOMATION_TOKEN).get(PROJECTIONS).status()).isEqualTo(200);
            assertProblem(same.client().as(rotated).get(PROJECTIONS), 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void aBootstrapTokenShorterThan32CharactersStopsTheStartBeforeAnythingIsRecorded() throws Exception {
        Path dataDir = DataDirs.fresh("short-bootstrap-token");
        String short31 = "x".repeat(31);
        assertThatThrownBy(() -> RunningLedger.start(dataDir, "--ledger.security.bootstrap-token=" + short31).close())
                .hasStackTraceContaining("ledger.security.bootstrap-token has 31 characters")
                .hasStackTraceContaining("at least 32");
        TestStore store = TestStore.current();
        try (Connection connection = DriverManager.getConnection(store.url(dataDir), store.username(), "");
             ResultSet stored = connection.createStatement().executeQuery("SELECT COUNT(*) FROM initial_admin_token")) {
            assertThat(stored.next()).isTrue();
            assertThat(stored.getLong(1)).isZero();
        }
    }

    @Test
    void configuredTokensReplaceTheFirstAdministratorToken() throws Exception {
        Path dataDir = DataDirs.fresh("configured-tokens");
        try (RunningLedger first = RunningLedger.start(dataDir)) {
            assertThat(first.client().get(PROJECTIONS).status()).isEqualTo(200);
        }
        try (RunningLedger configured = RunningLedger.start(dataDir,
                "--ledger.security.tokens[0].name=ops",
                "--ledger.security.tokens[0].roles=ADMIN",
                "--ledger.security.tokens[0].sha256=" + sha256("ops-secret"))) {
            assertProblem(configured.client().get(PROJECTIONS), 401, "UNAUTHENTICATED");
            assertThat(configured.client().as("ops-secret").get(PROJECTIONS).status()).isEqualTo(200);
            assertProblem(configured.client().as(sha256("ops-secret")).get(PROJECTIONS), 401, "UNAUTHENTICATED");
        }
    }

    @Test
    void aTokenWithNoRealRoleOrNoRealHashStopsTheStart() {
        assertThatThrownBy(() -> RunningLedger.start(DataDirs.fresh("bad-role"),
                "--ledger.security.tokens[0].name=ops",
                "--ledger.security.tokens[0].roles=ADMIN,SUPERUSER",
                "--ledger.security.tokens[0].sha256=" + sha256("ops-secret")).close())
                .hasStackTraceContaining("'SUPERUSER' of token ops is not a role");
        assertThatThrownBy(() -> RunningLedger.start(DataDirs.fresh("bad-hash"),
                "--ledger.security.tokens[0].name=ops",
                "--ledger.security.tokens[0].roles=ADMIN",
                "--ledger.security.tokens[0].sha256=ops-secret").close())
                .hasStackTraceContaining("ledger.security.tokens[0].sha256");
    }

    @Test
    void aTokenNamedAsOneOfTheLedgersOwnActorsStopsTheStart() {
        for (String reserved : List.of("kafka", "Anonymous", "admin")) {
            assertThatThrownBy(() -> RunningLedger.start(DataDirs.fresh("reserved-" + reserved),
                    "--ledger.security.tokens[0].name=" + reserved,
                    "--ledger.security.tokens[0].roles=EXPORTER",
                    "--ledger.security.tokens[0].sha256=" + sha256("impostor")).close())
                    .as(reserved).hasStackTraceContaining("'" + reserved + "' is a name the ledger records");
        }
    }

    static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}

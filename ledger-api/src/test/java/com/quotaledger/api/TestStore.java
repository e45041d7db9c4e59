package com.quotaledger.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The database the service's tests run on: the embedded H2 file in each test's data directory, or, with
 * {@code LEDGER_TEST_STORE=postgresql}, a PostgreSQL server ({@code LEDGER_TEST_POSTGRESQL_URL}, by default the
 * {@code test} database on 127.0.0.1:5432 as user {@code postgres}).
 * <p>
 * Whether PostgreSQL must be there is {@code LEDGER_TEST_POSTGRESQL}: {@code required} (continuous integration sets
 * it) fails the run without a server; the default, {@code auto}, reports every test of the PostgreSQL run as skipped,
 * with the reason, so that a machine with only a JDK still runs the rest.
 * <p>
 * On PostgreSQL every data directory has a schema of its own, named after the directory: no two tests share a ledger,
 * and a restart on the same directory finds the ledger it left. The choice is an environment variable rather than a
 * system property so that it reaches the ledger processes the tests start.
 */
public enum TestStore {

    H2("h2"),
    POSTGRESQL("postgresql");

    /**
     * The schemas of this checkout's test runs, named after its directory, so that two checkouts testing on one server
     * at once (a developer and continuous integration) leave each other's schemas alone.
     */
    public static final String SCHEMA_PREFIX = "ledger_test_"
            + HexFormat.of().formatHex(sha256(Path.of("").toAbsolutePath().toString()), 0, 4) + "_";
    private static final String DEFAULT_POSTGRESQL_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final String vendor;

    TestStore(String vendor) {
        this.vendor = vendor;
    }

    public static TestStore current() {
        String chosen = System.getenv().getOrDefault("LEDGER_TEST_STORE", "h2");
        return switch (chosen.toLowerCase(Locale.ROOT)) {
            case "h2" -> H2;
            case "postgresql" -> POSTGRESQL;
            default -> throw new IllegalStateException(
                    "LEDGER_TEST_STORE must be h2 or postgresql, not " + chosen);
        };
    }

    /** The JDBC URL of the ledger whose data directory is {@code dataDir}; its schema exists once this returns. */
    public String url(Path dataDir) {
        Path directory = dataDir.toAbsolutePath().normalize();
        if (this == H2) {
            return "jdbc:h2:file:" + directory.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        }
        String schema = SCHEMA_PREFIX + HexFormat.of().formatHex(sha256(directory.toString()), 0, 10);
        createSchema(schema);
        return serverUrl() + (serverUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    public String username() {
        return this == H2 ? "sa" : "postgres";
    }

    /** The folder of this database's own migrations, beside the common ones. */
    public String migrations() {
        return "classpath:db/migration/" + vendor;
    }

    /** Why PostgreSQL cannot serve this run, or empty if it can (asked once). */
    public static Optional<String> postgresqlUnavailable() {
        return Probe.UNAVAILABLE;
    }

    public static boolean postgresqlRequired() {
        return "required".equalsIgnoreCase(System.getenv().getOrDefault("LEDGER_TEST_POSTGRESQL", "auto"));
    }

    /** Loaded, and so connects, only the first time PostgreSQL is asked about. */
    private static final class Probe {
        static final Optional<String> UNAVAILABLE = probe();

        private static Optional<String> probe() {
            try (Connection ignored = DriverManager.getConnection(serverUrl(), POSTGRESQL.username(), "")) {
                return Optional.empty();
            } catch (SQLException e) {
                return Optional.of("no PostgreSQL server at " + serverUrl() + " (" + e.getMessage() + ")");
            }
        }
    }

    /**
     * Creates the schema unless it exists. Nodes sharing a data directory start at the same time, and two concurrent
     * {@code CREATE SCHEMA IF NOT EXISTS} can both miss the schema and one then fails on the catalogue's unique
     * index; an advisory lock held for the transaction makes them take turns.
     */
    private static void createSchema(String schema) {
        execute("SELECT pg_advisory_xact_lock(hashtext('" + schema + "'))",
                "CREATE SCHEMA IF NOT EXISTS " + schema);
    }

    /** Runs statements in one transaction on the PostgreSQL server, outside any ledger's schema. */
    public static void execute(String... statements) {
        try (Connection connection = DriverManager.getConnection(serverUrl(), POSTGRESQL.username(), "")) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverUrl() + " refused: " + e.getMessage()
                    + " (LEDGER_TEST_STORE=postgresql needs a running server; see docs/testing.md)", e);
        }
    }

    private static String serverUrl() {
        return System.getenv().getOrDefault("LEDGER_TEST_POSTGRESQL_URL", DEFAULT_POSTGRESQL_URL);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

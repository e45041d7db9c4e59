package com.quotaledger;

import org.h2.jdbcx.JdbcDataSource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An in-memory H2 database with the service's schema, created from the very migrations the service runs, so the
 * read models are tested against the tables they are written to in production.
 */
public final class ReadModelDatabase {

    /** The service's Flyway locations for H2: migrations shared by every database, and H2's own. */
    private static final List<Path> MIGRATIONS = Stream.of("common", "h2")
            .map(location -> Path.of("..", "ledger-api", "src", "main", "resources", "db", "migration", location))
            .toList();

    private ReadModelDatabase() {
    }

    /** A new, empty database of its own, kept open until the JVM ends. */
    public static JdbcTemplate fresh() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        ResourceDatabasePopulator populator = new ResourceDatabasePopulator();
        for (Path migration : migrations()) {
            populator.addScript(new FileSystemResource(migration));
        }
        populator.execute(dataSource);
        return new JdbcTemplate(dataSource);
    }

    private static Path[] migrations() {
        Path[] sorted = MIGRATIONS.stream().flatMap(ReadModelDatabase::list)
                .filter(file -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                .sorted((a, b) -> Integer.compare(version(a), version(b)))
                .toArray(Path[]::new);
        if (sorted.length < 2) {
            throw new IllegalStateException("expected the event store and read model migrations in " + MIGRATIONS);
        }
        return sorted;
    }

    private static Stream<Path> list(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int version(Path migration) {
        String name = migration.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }
}

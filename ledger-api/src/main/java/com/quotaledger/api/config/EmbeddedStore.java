package com.quotaledger.api.config;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Points the datasource at an H2 file database under {@code ledger.data-dir} unless a datasource URL is given.
 * <p>
 * H2 keeps commits in memory and writes them in the background, at most {@code WRITE_DELAY} (500 ms) later; the
 * ledger makes its decisions durable itself, with a checkpoint after each group of commands and before answering, so
 * that a process killed right after answering keeps what it answered
 * ({@link com.quotaledger.api.storage.GroupedEventStorage#makeDurable}). The read models' commits ride along with the
 * next checkpoint instead of each writing the file. {@code DB_CLOSE_ON_EXIT=FALSE} leaves closing the database to
 * Spring, after the last in-flight command, instead of H2's own shutdown hook.
 */
@Configuration(proxyBeanMethods = false)
public final class EmbeddedStore {

    /**
     * How long H2 keeps the space of data no longer in use before writing over it (45 s by default). Every checkpoint
     * writes new space and leaves old space dead, and H2 lists every kept piece in what each checkpoint writes: at a
     * few hundred checkpoints a second the default makes each checkpoint write several times what the decisions in it
     * need, and the file grow by gigabytes. A few seconds suffice, as the checkpoints force every write to the disk
     * at least every second ({@code com.quotaledger.api.commands.DurableAnswers}).
     */
    static final Duration RETENTION = Duration.ofSeconds(5);

    private static final String H2 = "jdbc:h2:";

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    /** Static, so that it post-processes the datasource settings however early they are created. */
    @Bean
    static BeanPostProcessor embeddedStoreUrl(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof DataSourceProperties properties && properties.getUrl() == null) {
                    properties.setUrl(url(Path.of(environment.getProperty("ledger.data-dir", "./data"))));
                    properties.setUsername("sa");
                }
                return bean;
            }
        };
    }

    /**
     * The URL of the store in {@code dataDir}, which is created if it is not there, readable by its owner alone: it
     * holds every decision and the first administrator token.
     *
     * @throws IllegalStateException if the directory's path holds a {@code ;}, which H2 would read as the start of
     *                               the database's settings rather than as part of the file name
     */
    static String url(Path dataDir) {
        Path directory = dataDir.toAbsolutePath().normalize();
        if (directory.toString().contains(";")) {
            throw new IllegalStateException("ledger.data-dir must not contain ';', which the embedded database would "
                    + "read as the start of its settings: " + directory);
        }
        try {
            if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createDirectories(directory, OWNER_ONLY);
            } else {
                Files.createDirectories(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + directory, e);
        }
        return "jdbc:h2:file:" + directory.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE;RETENTION_TIME="
                + RETENTION.toMillis();
    }

    /**
     * Whether only this process can change the store at {@code url}: an H2 database this process opens itself, in a
     * file or in memory. Then nothing another node does can make what this one has cached stale. An H2 server
     * ({@code tcp:} or {@code ssl:}), a file that other processes may open through {@code AUTO_SERVER=TRUE}, and every
     * other database are shared.
     */
    public static boolean isPrivateToThisProcess(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith(H2)) {
            return false;
        }
        String location = lower.substring(H2.length());
        boolean server = location.startsWith("tcp:") || location.startsWith("ssl:");
        boolean openToOthers = lower.replace(" ", "").contains(";auto_server=true");
        return !server && !openToOthers;
    }

    /**
     * Whether the store writes a commit to disk only later, or at a checkpoint: an H2 database on disk whose
     * {@code WRITE_DELAY} is not 0. PostgreSQL, and H2 with {@code WRITE_DELAY=0}, are durable when a commit returns.
     */
    public static boolean commitsOnlyAtCheckpoints(JdbcTemplate jdbc) {
        return Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection -> {
            DatabaseMetaData database = connection.getMetaData();
            if (!"H2".equals(database.getDatabaseProductName()) || database.getURL().startsWith("jdbc:h2:mem:")) {
                return false;
            }
            try (Statement statement = connection.createStatement();
                 ResultSet writeDelay = statement.executeQuery("SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS "
                         + "WHERE SETTING_NAME = 'WRITE_DELAY'")) {
                return writeDelay.next() && Integer.parseInt(writeDelay.getString(1)) != 0;
            }
        }));
    }
}

package com.quotaledger.api.config;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Points the datasource at an H2 file database under {@code ledger.data-dir} unless a datasource URL is given.
 * <p>
 * {@code WRITE_DELAY=0} writes every commit to the file before the commit returns, so a process killed right after
 * answering keeps what it answered. {@code DB_CLOSE_ON_EXIT=FALSE} leaves closing the database to Spring, after the
 * last in-flight command, instead of H2's own shutdown hook.
 */
class EmbeddedStoreEnvironment implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.containsProperty("spring.datasource.url")) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty("ledger.data-dir", "./data")).toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dataDir, e);
        }
        String url = "jdbc:h2:file:" + dataDir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
        environment.getPropertySources().addLast(new MapPropertySource("ledger-embedded-store",
                Map.of("spring.datasource.url", url, "spring.datasource.username", "sa")));
    }
}

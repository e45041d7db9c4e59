package com.quotaledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.Map;

/**
 * Puts every ledger that a test starts, in this JVM or in one of its own, on the {@link TestStore}. On PostgreSQL it
 * does what an operator does: the {@code postgres} profile and a datasource URL.
 * <p>
 * It runs before the configuration files are read, so that the profile it activates is honoured, and after the
 * random values exist, so that a data directory named {@code ${random.uuid}} is resolved once, here.
 */
public final class TestStoreEnvironment implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        TestStore store = TestStore.current();
        if (store != TestStore.POSTGRESQL) {
            return;
        }
        String dataDir = environment.getProperty("ledger.data-dir", "./data");
        environment.getPropertySources().addFirst(new MapPropertySource("ledger-test-store", Map.of(
                "ledger.data-dir", dataDir,
                "spring.profiles.active", "postgres",
                "spring.datasource.url", store.url(Path.of(dataDir)),
                "spring.datasource.username", store.username(),
                "spring.datasource.password", "")));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 5;
    }
}

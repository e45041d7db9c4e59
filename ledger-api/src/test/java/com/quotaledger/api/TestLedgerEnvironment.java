package com.quotaledger.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.Map;

/**
 * Sets up every ledger that a test starts, in this JVM or in one of its own: on the {@link TestStore} (on PostgreSQL
 * as an operator does, with the {@code postgres} profile and a datasource URL), and with
 * {@link LedgerClient#ADMIN_TOKEN} as its first administrator token unless the test configures tokens of its own.
 * <p>
 * It runs before the configuration files are read, so that the profile it activates is honoured, and after the
 * random values exist, so that a data directory named {@code ${random.uuid}} is resolved once, here.
 */
public final class TestLedgerEnvironment implements EnvironmentPostProcessor, Ordered {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.containsProperty("ledger.security.bootstrap-token")
                && !environment.containsProperty("ledger.security.tokens[0].sha256")) {
            environment.getPropertySources().addFirst(new MapPropertySource("ledger-test-token",
                    Map.of("ledger.security.bootstrap-token", LedgerClient.ADMIN_TOKEN)));
        }
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

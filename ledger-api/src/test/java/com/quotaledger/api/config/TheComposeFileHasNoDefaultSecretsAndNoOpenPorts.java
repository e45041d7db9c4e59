package com.quotaledger.api.config;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} is what an operator starts first, so it must not start with a secret everyone knows or
 * on a port the whole network reaches: every password, token and secret is required from the environment (Compose
 * stops with the message when it is missing), the broker lets no client in without authentication, and every
 * published port binds to the host's loopback unless the operator names another address.
 */
class TheComposeFileHasNoDefaultSecretsAndNoOpenPorts {

    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");

    @Test
    void everySecretIsRequiredFromTheEnvironment() throws IOException {
        List<String> secrets = new ArrayList<>();
        services().forEach((name, service) -> environment(service).forEach((variable, value) -> {
            if (variable.matches(".*(PASSWORD|TOKEN|SECRET).*")) {
                secrets.add(name + "." + variable);
                assertThat(String.valueOf(value)).as("%s.%s", name, variable).matches("\\$\\{[A-Z_]+:\\?[^}]+}");
            }
        }));
        assertThat(secrets).contains("postgres.POSTGRES_PASSWORD", "ledger.LEDGER_DATABASE_PASSWORD",
                "ledger.LEDGER_SECURITY_BOOTSTRAP_TOKEN");
    }

    @Test
    void everyPasswordInAJaasLineIsRequiredFromTheEnvironment() throws IOException {
        List<String> jaasLines = new ArrayList<>();
        services().forEach((name, service) -> environment(service).forEach((variable, value) -> {
            if (String.valueOf(value).contains("password=")) {
                jaasLines.add(name + "." + variable);
                assertThat(String.valueOf(value)).as("%s.%s", name, variable)
                        .doesNotContainPattern("password=\"[^$]")
                        .doesNotContainPattern("password=\"\\$\\{[A-Z_]+(:-[^}]*)?}\"");
            }
        }));
        assertThat(jaasLines).contains("ledger.SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG");
    }

    @Test
    void theBrokerHasNoListenerWithoutAuthentication() throws IOException {
        Map<String, Object> broker = environment(services().get("kafka"));
        assertThat(String.valueOf(broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).split(",")).isNotEmpty()
                .allSatisfy(listener -> assertThat(listener).endsWith(":SASL_PLAINTEXT"));
        assertThat(broker.get("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND")).isEqualTo("false");
    }

    @Test
    void everyPublishedPortBindsToTheLoopbackByDefault() throws IOException {
        List<String> published = new ArrayList<>();
        services().forEach((name, service) -> {
            Object ports = ((Map<?, ?>) service).get("ports");
            if (ports instanceof List<?> list) {
                list.forEach(port -> published.add(name + " " + port));
            }
        });
        assertThat(published).isNotEmpty().allSatisfy(port ->
                assertThat(port).containsPattern(" \\$\\{LEDGER_BIND_ADDRESS:-127\\.0\\.0\\.1}:\\d+:\\d+$"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            return (Map<String, Object>) new Yaml().<Map<String, Object>>load(reader).get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> environment(Object service) {
        Object environment = ((Map<String, Object>) service).get("environment");
        return environment instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}

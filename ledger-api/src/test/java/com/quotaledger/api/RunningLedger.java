package com.quotaledger.api;

import com.quotaledger.LedgerApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The application started in this JVM with command-line arguments, as an operator starts it, on a given data
 * directory; closing it shuts the application down as a stop would, so the next start on the same directory is a
 * restart with a cold cache.
 */
public final class RunningLedger implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final LedgerClient client;

    private RunningLedger(ConfigurableApplicationContext context) {
        this.context = context;
        this.client = new LedgerClient(((ServletWebServerApplicationContext) context).getWebServer().getPort());
    }

    public static RunningLedger start(Path dataDir, String... arguments) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--ledger.data-dir=" + dataDir));
        args.addAll(List.of(arguments));
        return new RunningLedger(
                new SpringApplicationBuilder(LedgerApplication.class).run(args.toArray(String[]::new)));
    }

    public LedgerClient client() {
        return client;
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    @Override
    public void close() {
        context.close();
    }
}

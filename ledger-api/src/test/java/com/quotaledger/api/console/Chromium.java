package com.quotaledger.api.console;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;

/**
 * A real headless Chromium, driven through the machine's chromedriver: Debian's {@code chromium} and
 * {@code chromium-driver} packages. Selenium is told where both are, so it never looks for a driver to download.
 * <p>
 * Without them the browser tests are reported as skipped with the reason, unless {@code LEDGER_TEST_BROWSER=required}
 * (as continuous integration sets it), when they fail instead.
 */
final class Chromium implements ExecutionCondition {

    static final Path BROWSER = Path.of(System.getenv().getOrDefault("LEDGER_TEST_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("LEDGER_TEST_CHROMEDRIVER",
            "/usr/bin/chromedriver"));

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if ("required".equals(System.getenv("LEDGER_TEST_BROWSER"))) {
            return ConditionEvaluationResult.enabled("a browser is required");
        }
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are there");
        }
        return ConditionEvaluationResult.disabled("Browser tests skipped: no " + BROWSER + " or " + DRIVER
                + " (apt-get install chromium chromium-driver)");
    }

    /** A new browser, 1280 px wide, that saves downloads to {@code downloads} and keeps its console log. */
    static ChromeDriver start(Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        // the machine's network is closed: no background connections, no first-run pages, no sandbox as root
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER.toString()))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
        return driver;
    }
}

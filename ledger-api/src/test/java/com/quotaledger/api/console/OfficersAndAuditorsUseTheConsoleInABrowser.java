package com.quotaledger.api.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.quotaledger.api.ExemptionRequests;
import com.quotaledger.api.FreshLedger;
import com.quotaledger.api.LedgerClient;
import com.quotaledger.api.LedgerClient.Answer;
import com.quotaledger.api.MixedWorkload;
import com.quotaledger.api.PersonRequests;
import com.quotaledger.api.Requests;
import com.quotaledger.api.TestStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.test.context.TestPropertySource;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium against the running ledger: each page shows what the API answers the
 * signed-in token, and each form does what the API does. Screenshots of every page are written to
 * {@code target/console-screenshots/}.
 */
@FreshLedger
@ExtendWith(Chromium.class)
@TestPropertySource(properties = {
        "ledger.test-clock.enabled=true",
        "ledger.security.tokens[0].name=far-exporter",
        "ledger.security.tokens[0].roles=EXPORTER",
        "ledger.security.tokens[0].sha256=980017b67fb336c064d387fc21f47e5452ab7b8bf883e26ade78fa4b29e06c16",
        "ledger.security.tokens[0].recipients=far",
        "ledger.security.tokens[1].name=officer",
        "ledger.security.tokens[1].roles=COMPLIANCE_OFFICER",
        "ledger.security.tokens[1].sha256=21d5923c36feb92dabcec193a546bd14438fb38c8cd3de541a2f4272c5e27eb6",
        "ledger.security.tokens[2].name=auditor",
        "ledger.security.tokens[2].roles=AUDITOR",
        "ledger.security.tokens[2].sha256=bf0ed576bd35035b545c70e10c5ec4ec02ff22c7e14aa9425814f80f606ef35f",
        "ledger.security.tokens[3].name=administrator",
        "ledger.security.tokens[3].roles=ADMIN",
        "ledger.security.tokens[3].sha256=16175223c8ddce5ace0493c948569c211b03c4c6bb3d3e484434999448cffe01"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OfficersAndAuditorsUseTheConsoleInABrowser {

    private static final String EXPORTER_OF_FAR = "mine-exporter-secret";
    private static final String OFFICER = "all-officer-secret";
    private static final String AUDITOR = "all-auditor-secret";
    private static final String ADMIN = "admin-secret";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    LedgerClient ledger;
    private Path downloads;
    private ChromeDriver browser;
    private String test;
    private Instant deniedRetryAt;

    /**
     * Three recipients over 37 days of the test clock. "near" used a written permission to 2,000,000 from day 20 to
     * day 35, ends 50,000 short of its limit and is refused a share of 100,000 until day 40, when its share of day 10
     * leaves the window; "mid" is at a third; "far" has a permission that ends within a month.
     */
    @BeforeAll
    void aLedgerWithHistory() {
        ledger = ledger.as(ADMIN);
        granted(ledger.post("/api/v1/recipients", Requests.registration("near", "Northwind Analytics Ltd",
                "COMPANY")));
        granted(ledger.post("/api/v1/recipients/near/terms-acceptances", Requests.allTerms()));
        for (String recipient : List.of("mid", "far")) {
            ledger.registerWithAllTerms(recipient);
        }
        PersonRequests.affiliated(ledger, "near", "p-near");
        granted(ledger.share(Requests.share("near-1", "near", 400_000)));
        ledger.advanceClock("P10D");
        granted(ledger.share(Requests.share("near-2", "near", 600_000)));
        Instant shareLeavingFirst = ledger.clockNow();
        ledger.advanceClock("P10D");
        Instant day20 = ledger.clockNow();
        assertThat(ExemptionRequests.grant(ledger, "near", "limit-permissions",
                ExemptionRequests.limitPermission("NEAR-PERM", 2_000_000, day20, day20.plus(Duration.ofDays(15))))
                .status()).isEqualTo(201);
        granted(ledger.share(Requests.share("near-3", "near", 500_000)));
        ledger.advanceClock("P16D");
        granted(PersonRequests.exportObjects(ledger, PersonRequests.export("p-near-1", "p-near", 120, 30)));
        ledger.advanceClock("P1D");
        granted(ledger.share(Requests.share("near-4", "near", 350_000)));
        granted(ledger.share(Requests.share("mid-1", "mid", 500_000)));
        granted(ledger.share(Requests.share("far-1", "far", 1_000)));
        Instant now = ledger.clockNow();
        assertThat(ExemptionRequests.grant(ledger, "far", "limit-permissions",
                ExemptionRequests.limitPermission("FAR-PERM", 2_000_000, now, now.plus(Duration.ofDays(10))))
                .status()).isEqualTo(201);
        Answer refused = ledger.share(Requests.share("near-5", "near", 100_000));
        assertThat(refused.status()).as("%s", refused).isEqualTo(429);
        deniedRetryAt = Instant.parse(refused.json().path("retryAt").asText());
        assertThat(deniedRetryAt).isEqualTo(shareLeavingFirst.plus(Duration.ofDays(30)));
        assertThat(ledger.share(Requests.share("mid-2", "mid", 2_000_000)).status()).isEqualTo(422);
        MixedWorkload.awaitReadModelsCaughtUp(ledger, Duration.ofSeconds(20));
    }

    @BeforeEach
    void aBrowser(TestInfo info) throws IOException {
        test = info.getTestMethod().orElseThrow().getName();
        downloads = Path.of("target", "console-downloads", TestStore.current().name().toLowerCase(Locale.ROOT), test);
        // a file left by an earlier run would make the browser save the new one under another name
        FileSystemUtils.deleteRecursively(downloads);
        Files.createDirectories(downloads);
        browser = Chromium.start(downloads);
    }

    /** No page may break its content security policy or throw: the log would say so. */
    @AfterEach
    void noScriptFailedAndNothingWasBlocked() {
        try {
            List<String> failures = new ArrayList<>();
            for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER)) {
                String message = entry.getMessage();
                if (message.contains("Content Security Policy") || message.contains("Uncaught")
                        || message.contains("Error:") && !message.contains("Failed to load resource")) {
                    failures.add(message);
                }
            }
            assertThat(failures).as("browser console of %s", test).isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void signingInOpensTheOverviewWithTheRecipientNearestItsLimitFirst() {
        browser.get(base() + "/console/");
        wait(ExpectedConditions.urlContains("/console/sign-in.html"));
        browser.findElement(By.id("token")).sendKeys("not-a-token-of-this-ledger");
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        assertThat(waitFor("#sign-in-result .error").getText()).contains("does not accept this token");

        signIn(ADMIN);
        assertThat(browser.getCurrentUrl()).doesNotContain(ADMIN);
        List<WebElement> nearest = browser.findElements(By.cssSelector("#nearest tbody tr"));
        assertThat(nearest).hasSize(3);
        assertThat(cells(nearest.get(0)).get(0)).isEqualTo("near");
        assertThat(cells(nearest.get(0)).get(2)).isEqualTo("1,450,000");
        assertThat(cells(nearest.get(1)).get(0)).isEqualTo("mid");
        assertThat(text("#denials")).contains("ROLLING_LIMIT_EXCEEDED").contains("REQUEST_EXCEEDS_LIMIT");
        assertThat(text("#ending-soon")).contains("far").contains("FAR-PERM");
        assertThat(text("#freshness")).startsWith("Reports include every event up to");
        screenshot("overview");

        browser.findElement(By.id("search")).sendKeys("p-near", Keys.ENTER);
        wait(ExpectedConditions.urlContains("/console/person.html?id=p-near"));
        awaitReady();
        assertThat(text("#objects-today")).as("the export was the day before").isEqualTo("0 of 500");
        List<List<String>> days = rows("#objects-by-day");
        assertThat(days).hasSize(1);
        assertThat(days.get(0)).containsExactly(ledger.clockNow().minus(Duration.ofDays(1)).toString().substring(0, 10),
                "120", "30", "150 of 500", "1");
        assertThat(text("#affiliations")).contains("joined").contains("near");
        screenshot("person");
    }

    @Test
    void theRecipientPageChartsExactlyWhatTheApiAnswers() {
        signIn(ADMIN);
        open("/console/recipient.html?id=near");
        assertThat(text("#used")).isEqualTo("1,450,000");
        assertThat(text("#remaining")).isEqualTo("50,000");
        assertThat(text("#limit-source")).isEqualTo("DEFAULT");

        JsonNode series = ledger.get("/api/v1/recipients/near/usage-series").json().path("points");
        List<List<String>> shown = rows("#usage-points");
        assertThat(shown).hasSize(series.size());
        for (int i = 0; i < series.size(); i++) {
            JsonNode point = series.get(i);
            assertThat(shown.get(i)).as("point %d", i).startsWith(
                    utc(point.path("at").asText()), grouped(point.path("used").asLong()),
                    grouped(point.path("reserved").asLong()), grouped(point.path("limit").asLong()));
        }
        assertThat(shown).as("the permission is a step of the limit line")
                .anySatisfy(point -> assertThat(point).endsWith("2,000,000", "NEAR-PERM"))
                .anySatisfy(point -> assertThat(point).endsWith("1,500,000", "DEFAULT"));
        assertThat(browser.findElement(By.id("usage-chart")).getAttribute("data-points"))
                .isEqualTo(String.valueOf(series.size()));
        assertThat(browser.findElements(By.cssSelector("#usage-chart canvas"))).isNotEmpty();

        JsonNode releases = ledger.get("/api/v1/recipients/near/releases?until="
                + ledger.clockNow().plus(Duration.ofDays(30))).json().path("releases");
        List<List<String>> releasesShown = rows("#releases");
        assertThat(releasesShown).hasSize(releases.size()).hasSizeGreaterThanOrEqualTo(2);
        for (int i = 0; i < releases.size(); i++) {
            assertThat(releasesShown.get(i)).containsExactly(utc(releases.get(i).path("at").asText()),
                    grouped(releases.get(i).path("amount").asLong()),
                    grouped(releases.get(i).path("cumulative").asLong()));
        }
        assertThat(browser.findElements(By.cssSelector("#releases-chart canvas"))).isNotEmpty();
        assertThat(rows("#recent-decisions").get(0)).as("the latest decision first").contains("DENIED", "near-5");
        screenshot("recipient");

        browser.manage().window().setSize(new Dimension(420, 900));
        open("/console/recipient.html?id=near");
        assertThat((Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;"))
                .as("nothing but the tables' own scroll is wider than a narrow window").isLessThanOrEqualTo(0L);
        screenshot("recipient-narrow");
    }

    @Test
    void thePlannerAnswersTheInstantA429GivesForTheSameShare() {
        signIn(ADMIN);
        open("/console/recipient.html?id=near");
        WebElement planner = browser.findElement(By.id("planner"));
        WebElement postIds = planner.findElement(By.name("postIdCount"));
        postIds.clear();
        postIds.sendKeys("100000");
        planner.findElement(By.cssSelector("button")).click();
        WebElement answer = waitFor("#fit-answer");
        assertThat(answer.getAttribute("data-fit")).isEqualTo("FITS_LATER");
        assertThat(Instant.parse(answer.getAttribute("data-fits-at"))).isEqualTo(deniedRetryAt);
        assertThat(answer.getText()).isEqualTo("Fits from " + utc(deniedRetryAt.toString()) + ".");

        postIds.clear();
        postIds.sendKeys("2000000");
        planner.findElement(By.cssSelector("button")).click();
        wait(ExpectedConditions.attributeToBe(By.id("fit-answer"), "data-fit", "NEVER"));
        assertThat(text("#fit-answer")).contains("REQUEST_EXCEEDS_LIMIT");
        screenshot("planner");
    }

    @Test
    void aDenialIsInTheLogWithItsReasonAndTheCsvHoldsExactlyTheFilteredRows() throws IOException {
        signIn(AUDITOR);
        open("/console/decisions.html");
        WebElement filters = browser.findElement(By.id("filters"));
        new Select(filters.findElement(By.name("decision"))).selectByValue("DENIED");
        new Select(filters.findElement(By.name("reason"))).selectByValue("ROLLING_LIMIT_EXCEEDED");
        filters.findElement(By.name("recipientId")).sendKeys("near");
        filters.findElement(By.cssSelector("button[type=submit]")).click();
        wait(ExpectedConditions.urlContains("reason=ROLLING_LIMIT_EXCEEDED"));
        awaitReady();
        List<List<String>> denied = rows("#decision-rows");
        assertThat(denied).hasSize(1);
        assertThat(denied.get(0)).contains("DENIED", "ROLLING_LIMIT_EXCEEDED", "near", "100,000", "near-5");
        assertThat(text("#total")).startsWith("1 decision matches");
        screenshot("decisions");

        browser.findElement(By.id("download-csv")).click();
        Path csv = downloads.resolve("decisions.csv");
        await().atMost(PATIENCE).until(() -> Files.exists(csv) && Files.size(csv) > 0);
        Answer expected = ledger.get("/api/v1/audit/decisions?recipientId=near&decision=DENIED"
                + "&reason=ROLLING_LIMIT_EXCEEDED", "Accept", "text/csv");
        assertThat(Files.readString(csv)).isEqualTo(expected.body());
        assertThat(Files.readAllLines(csv)).hasSize(2).last().asString().contains("\"near-5\"");

        open("/console/decisions.html");
        assertThat(text("#total")).startsWith(ledger.get("/api/v1/audit/decisions?count=true").json()
                .path("total").asText() + " decisions match");
    }

    @Test
    void anOfficerGrantsAndRevokesAPermissionAndTheQuotaFollows() {
        signIn(OFFICER);
        open("/console/recipient.html?id=mid");
        assertThat(text("#limit")).isEqualTo("1,500,000");
        Instant now = ledger.clockNow();

        browser.findElement(By.xpath("//summary[text()='Grant a limit permission']")).click();
        WebElement grant = browser.findElement(By.id("grant-limit-permission"));
        grant.findElement(By.name("permissionId")).sendKeys("MID-PERM");
        grant.findElement(By.name("postIdLimit")).sendKeys("3000000");
        grant.findElement(By.name("validFrom")).sendKeys(now.minusSeconds(1).toString());
        grant.findElement(By.name("validUntil")).sendKeys(now.plus(Duration.ofDays(60)).toString());
        grant.findElement(By.name("writtenPermissionReference")).sendKeys("X letter 2026-12-01");
        grant.findElement(By.name("grantedBy")).sendKeys("policy@x.example");
        grant.findElement(By.cssSelector("button")).click();
        wait(ExpectedConditions.textToBe(By.id("limit"), "3,000,000"));
        awaitReady();
        assertThat(text("#limit-source")).isEqualTo("MID-PERM");
        assertThat(ledger.quota("mid").json().at("/postIds/limit").asLong()).isEqualTo(3_000_000);
        screenshot("officer-granted");

        browser.findElement(By.xpath("//summary[text()='Grant a limit permission']")).click();
        WebElement again = browser.findElement(By.id("grant-limit-permission"));
        again.findElement(By.name("permissionId")).sendKeys("MID-PERM");
        again.findElement(By.name("postIdLimit")).sendKeys("3000000");
        again.findElement(By.name("validFrom")).sendKeys(now.toString());
        again.findElement(By.name("validUntil")).sendKeys(now.minusSeconds(60).toString());
        again.findElement(By.name("writtenPermissionReference")).sendKeys("X letter");
        again.findElement(By.name("grantedBy")).sendKeys("policy@x.example");
        again.findElement(By.cssSelector("button")).click();
        assertThat(waitFor("#grant-limit-permission .error").getText())
                .as("the API's own refusal, with its reason code").contains("validUntil must be after validFrom")
                .contains("INVALID_FIELD");

        browser.findElement(By.xpath("//summary[text()='Record access under Art. 40 of the EU DSA']")).click();
        WebElement dsa = browser.findElement(By.id("grant-dsa-access"));
        dsa.findElement(By.name("accessId")).sendKeys("DSA/2026/7");
        dsa.findElement(By.name("reference")).sendKeys("Coordinator decision 2026-7");
        dsa.findElement(By.name("validFrom")).sendKeys(now.toString().substring(0, 16));
        dsa.findElement(By.name("validUntil")).sendKeys(now.plus(Duration.ofDays(365)).toString().substring(0, 16));
        dsa.findElement(By.name("grantedBy")).sendKeys("dsc@example.eu");
        dsa.findElement(By.cssSelector("button")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("dsa-accesses"), "DSA/2026/7"));
        awaitReady();
        assertThat(ledger.quota("mid").json().at("/dsaAccesses/0/accessId").asText()).isEqualTo("DSA/2026/7");
        assertThat(ledger.quota("mid").json().at("/dsaAccesses/0/validFrom").asText())
                .as("a minute typed without a zone is UTC").isEqualTo(now.toString().substring(0, 16) + ":00Z");

        browser.findElement(By.xpath("//button[text()='Revoke MID-PERM']")).click();
        browser.switchTo().alert().accept();
        wait(ExpectedConditions.textToBe(By.id("limit"), "1,500,000"));
        awaitReady();
        assertThat(text("#limit-permissions")).contains("revoked");
        assertThat(ledger.quota("mid").json().at("/postIds/limit").asLong()).isEqualTo(1_500_000);
    }

    @Test
    void anOfficerRegistersARecipientAndRecordsItsTerms() {
        signIn(OFFICER);
        open("/console/");
        WebElement register = browser.findElement(By.id("register-recipient"));
        register.findElement(By.name("recipientId")).sendKeys("new-co");
        register.findElement(By.name("name")).sendKeys("New Company Ltd");
        new Select(register.findElement(By.name("kind"))).selectByValue("COMPANY");
        register.findElement(By.cssSelector("button")).click();
        wait(ExpectedConditions.urlContains("/console/recipient.html?id=new-co"));
        awaitReady();
        assertThat(text("#terms-state")).startsWith("Terms not accepted");

        browser.findElement(By.xpath("//summary[text()='Record an acceptance']")).click();
        WebElement accept = browser.findElement(By.id("accept-terms"));
        accept.findElement(By.name("acceptedBy")).sendKeys("legal@new-co.example");
        for (String document : List.of("TERMS_OF_SERVICE", "PRIVACY_POLICY", "DEVELOPER_AGREEMENT",
                "DEVELOPER_POLICY")) {
            accept.findElement(By.name(document)).sendKeys("2026-01");
        }
        accept.findElement(By.cssSelector("button")).click();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.id("terms-state"), "Terms accepted"));
        assertThat(ledger.get("/api/v1/recipients/new-co").json().path("termsAccepted").asBoolean()).isTrue();

        open("/console/");
        WebElement again = browser.findElement(By.id("register-recipient"));
        again.findElement(By.name("recipientId")).sendKeys("new-co");
        again.findElement(By.name("name")).sendKeys("Someone Else");
        again.findElement(By.cssSelector("button")).click();
        assertThat(waitFor("#register-recipient .error").getText()).contains("RECIPIENT_ALREADY_EXISTS");
    }

    @Test
    void anAuditorSeesEverythingAndNoFormThatChangesAnything() {
        signIn(AUDITOR);
        assertThat(browser.findElements(By.id("register-recipient"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#nearest tbody tr"))).hasSize(3);
        for (String recipient : List.of("near", "far")) {
            open("/console/recipient.html?id=" + recipient);
            assertThat(browser.findElements(By.cssSelector("form:not(#planner)"))).as(recipient).isEmpty();
            assertThat(browser.findElements(By.xpath("//button[starts-with(text(), 'Revoke')]"))).isEmpty();
            assertThat(rows("#recent-decisions")).isNotEmpty();
        }
        open("/console/exemptions.html");
        assertThat(text("#permission-register")).contains("FAR-PERM").contains("token:administrator");
        screenshot("exemptions");
    }

    @Test
    void anExporterSeesItsOwnRecipientsAndCannotOpenAnother() {
        signIn(EXPORTER_OF_FAR);
        assertThat(text("#my-recipients")).isEqualTo("far");
        assertThat(browser.findElements(By.id("nearest"))).isEmpty();
        open("/console/recipient.html?id=far");
        assertThat(text("#used")).isEqualTo("1,000");
        assertThat(text("#decisions")).contains("for auditors");

        open("/console/recipient.html?id=near");
        assertThat(text("#refusal")).contains("FORBIDDEN_RECIPIENT");
        assertThat(browser.findElements(By.id("quota"))).isEmpty();
        screenshot("exporter-refused");
    }

    @Test
    void everyPageCanBeWalkedWithTheKeyboard() {
        signIn(ADMIN);
        open("/console/recipient.html?id=near");
        browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        WebElement skip = browser.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to content");
        skip.sendKeys(Keys.ENTER);
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
        browser.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat((Boolean) ((JavascriptExecutor) browser).executeScript(
                "return document.activeElement.closest('main') !== null;"))
                .as("the next key press reaches the page's content, past the navigation").isTrue();
        for (WebElement input : browser.findElements(By.cssSelector("input, select"))) {
            String id = input.getAttribute("id");
            assertThat(browser.findElements(By.cssSelector("label[for='" + id + "']"))).as("label of %s", id)
                    .hasSize(1);
        }
        // uPlot's legend is a table of its own, without column headers
        for (WebElement table : browser.findElements(By.cssSelector("table:not(.u-legend)"))) {
            assertThat(table.findElements(By.cssSelector("thead th[scope=col]"))).isNotEmpty();
        }
    }

    private void signIn(String token) {
        browser.get(base() + "/console/sign-in.html");
        browser.findElement(By.id("token")).sendKeys(token);
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
        wait(ExpectedConditions.urlMatches("/console/(index.html)?$"));
        awaitReady();
    }

    private void open(String path) {
        browser.get(base() + path);
        awaitReady();
    }

    private void awaitReady() {
        wait(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main[data-ready=true]")));
    }

    /** Waits for a condition; pages replace what they show, so an element found may be gone when it is read. */
    private <T> T wait(org.openqa.selenium.support.ui.ExpectedCondition<T> condition) {
        return new WebDriverWait(browser, PATIENCE).ignoring(StaleElementReferenceException.class).until(condition);
    }

    private WebElement waitFor(String css) {
        return wait(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    private String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    private List<List<String>> rows(String tableCss) {
        // a table inside a closed <details> is not displayed, so its text is read from the DOM rather than the screen
        return browser.findElements(By.cssSelector(tableCss + " tbody tr")).stream().map(this::cells).toList();
    }

    private List<String> cells(WebElement row) {
        return row.findElements(By.tagName("td")).stream().map(cell -> cell.getDomProperty("textContent").strip())
                .toList();
    }

    /** The whole page, however long, at the window's width. */
    private void screenshot(String page) {
        Dimension window = browser.manage().window().getSize();
        long height = (Long) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollHeight;");
        browser.manage().window().setSize(new Dimension(window.getWidth(), (int) Math.min(height + 140, 8000)));
        try {
            Path file = Files.createDirectories(SCREENSHOTS)
                    .resolve(TestStore.current().name().toLowerCase(Locale.ROOT) + "-" + page + ".png");
            Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException("could not keep the screenshot of " + page, e);
        } finally {
            browser.manage().window().setSize(window);
        }
    }

    private String base() {
        return "http://localhost:" + ledger.port();
    }

    private static void granted(Answer answer) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
    }

    private static String utc(String instant) {
        return instant.replace("T", " ").replaceAll("(\\.\\d+)?Z$", " UTC");
    }

    private static String grouped(long value) {
        return String.format(Locale.UK, "%,d", value);
    }
}

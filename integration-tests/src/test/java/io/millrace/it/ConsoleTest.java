package io.millrace.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.millrace.plugin.testing.TestBundle;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in Debian's headless Chromium, driven through Selenium and Debian's chromedriver,
 * against the packaged server and an embedded PostgreSQL source: sign in, connections, a project
 * with landing into H2 and storage, live progress, data preview, bundles, users, API keys, sign out,
 * on a laptop-sized window and partly by keyboard alone. Screenshots of
 * the key steps land in target/screenshots.
 */
class ConsoleTest {
    private static final Path CHROMIUM = Path.of(System.getProperty("millrace.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("millrace.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target/screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static EmbeddedPostgres postgres;
    private static MillraceServer server;
    private static WebDriver browser;
    private static Path profile;
    private final AtomicInteger shot = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Skipping the browser test: no Chromium at " + CHROMIUM + " or no chromedriver at " + CHROMEDRIVER
                        + "; install Debian's chromium and chromium-driver (.ci/run does)");
        postgres = EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .start();
        execute(
                "CREATE SCHEMA shop",
                "CREATE TABLE shop.customers (id int PRIMARY KEY, name text, since date)",
                "INSERT INTO shop.customers SELECT i, 'customer ' || i, DATE '2020-01-01' + i"
                        + " FROM generate_series(1, 300) i",
                "CREATE TABLE shop.products (sku text PRIMARY KEY, price numeric(10,2))",
                "INSERT INTO shop.products VALUES ('tea', 3.50), ('cake', 2.10)");
        server = MillraceServer.install(SharedServer.newHome("console"));
        Files.createDirectories(SCREENSHOTS);
        profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage",
                        // A laptop screen: the layout must work there.
                        "--window-size=1366,768",
                        "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aDataEngineerBuildsAndWatchesAProjectAndAnAdministratorManagesBundlesUsersAndKeys() throws Exception {
        browser.get(server.uri("/").toString());

        // Sign in: a wrong password first.
        type(By.id("signin-password"), "not the password");
        click(By.xpath("//button[normalize-space(.)='Sign in']"));
        assertThat(visible(By.cssSelector("[role=alert]")).getText()).containsIgnoringCase("password");
        screenshot("wrong-password");
        type(By.id("signin-password"), server.adminPassword());
        click(By.xpath("//button[normalize-space(.)='Sign in']"));
        visible(By.xpath("//h1[text()='Projects']"));
        assertThat(browser.findElement(By.className("user")).getText()).contains("admin");
        // The first Tab offers a way past the menu.
        new Actions(browser).sendKeys(Keys.TAB).perform();
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to content");

        // Connections: the source, from the postgres connector's settings.
        click(By.linkText("Connections"));
        click(By.xpath("//button[normalize-space(.)='New connection']"));
        new Select(visible(By.id("connection-connector"))).selectByValue("postgres");
        type(By.id("connection-name"), "shop source");
        type(By.id("setting-host"), "localhost");
        type(By.id("setting-port"), String.valueOf(postgres.getPort()));
        type(By.id("setting-database"), "postgres");
        type(By.id("setting-user"), "postgres");
        type(By.id("setting-password"), "not-needed");
        type(By.id("setting-sslmode"), "disable");
        assertThat(browser.findElement(By.id("setting-password")).getAttribute("type"))
                .isEqualTo("password");
        click(By.xpath("//button[normalize-space(.)='Test settings']"));
        assertThat(visible(By.cssSelector("form .check")).getText()).contains("The connection works");
        assertEveryControlHasAName();
        screenshot("new-connection");
        click(By.xpath("//button[normalize-space(.)='Create connection']"));
        click(By.xpath("//button[normalize-space(.)='Test shop source']"));
        WebElement check = visible(By.cssSelector(".check"));
        assertThat(check.getText()).contains("The connection works");
        screenshot("connection-tested");

        // Edit it: the saved secret is not shown, and is kept when left empty.
        click(By.xpath("//button[normalize-space(.)='Edit shop source']"));
        assertThat(visible(By.id("setting-password")).getAttribute("value")).isEmpty();
        assertThat(browser.findElement(By.id("setting-password")).getAttribute("placeholder"))
                .contains("saved");
        type(By.id("connection-name"), "shop db");
        click(By.xpath("//button[normalize-space(.)='Save']"));
        click(By.xpath("//button[normalize-space(.)='Test shop db']"));
        assertThat(visible(By.cssSelector(".check")).getText()).contains("The connection works");

        // The target: H2 in the server's data folder.
        click(By.xpath("//button[normalize-space(.)='New connection']"));
        new Select(visible(By.id("connection-connector"))).selectByValue("h2");
        type(By.id("connection-name"), "warehouse");
        type(By.id("setting-url"), "jdbc:h2:file:" + server.home().resolve("data/console-warehouse"));
        click(By.xpath("//button[normalize-space(.)='Create connection']"));
        visible(By.xpath("//li[@aria-label='Connection warehouse']"));

        // Browse the source's catalog.
        click(By.linkText("Browse shop db"));
        visible(By.xpath("//button[normalize-space(.)='shop.customers']"));
        type(By.id("catalog-search"), "prod");
        wait(ExpectedConditions.invisibilityOfElementLocated(
                By.xpath("//button[normalize-space(.)='shop.customers']")));
        click(By.xpath("//button[normalize-space(.)='shop.products']"));
        assertThat(visible(By.cssSelector(".columns")).getText()).contains("price numeric(10,2)");
        screenshot("catalog");

        // A project with a landing task (all of schema shop) and a storage task.
        click(By.linkText("Projects"));
        // A form opens with the focus in its first field; Escape closes it and gives the focus back.
        click(By.xpath("//button[normalize-space(.)='New project']"));
        wait(driver -> "project-name".equals(driver.switchTo().activeElement().getAttribute("id")));
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("project-name")));
        assertThat(browser.switchTo().activeElement().getText()).isEqualTo("New project");
        click(By.xpath("//button[normalize-space(.)='New project']"));
        type(By.id("project-name"), "console");
        new Select(visible(By.id("project-target"))).selectByVisibleText("warehouse (h2)");
        click(By.xpath("//button[normalize-space(.)='Create project']"));
        visible(By.xpath("//h1[text()='console']"));
        assertThat(browser.getCurrentUrl()).contains("/projects/");
        click(By.xpath("//button[normalize-space(.)='Add landing task']"));
        type(By.id("landing-name"), "land shop");
        // Incremental mode asks for its column and schedule, and says what it does not see.
        new Select(visible(By.id("landing-mode"))).selectByValue("incremental");
        assertThat(visible(By.id("incremental-hint")).getText()).contains("Rows deleted in the source are not seen");
        assertThat(visible(By.id("landing-schedule")).getAttribute("value")).isEqualTo("every 15m");
        new Select(visible(By.id("landing-mode"))).selectByValue("full-load+cdc");
        assertThat(browser.findElements(By.id("landing-column"))).isEmpty();
        click(By.id("schema-shop"));
        assertThat(browser.findElement(By.id("table-shop.customers")).isSelected())
                .isTrue();
        assertThat(browser.findElement(By.id("table-shop.products")).isSelected())
                .isTrue();
        // Patterns say which tables they take on now; cleared again, the picked tables stay.
        type(By.id("landing-include"), "shop.%");
        type(By.id("landing-exclude"), "shop.c%");
        assertThat(visible(By.id("patterns-match")).getText())
                .isEqualTo("The patterns match 1 table now: shop.products");
        assertEveryControlHasAName();
        screenshot("landing-task");
        type(By.id("landing-include"), "");
        type(By.id("landing-exclude"), "");
        wait(ExpectedConditions.invisibilityOfElementLocated(By.id("patterns-match")));
        click(By.xpath("//button[normalize-space(.)='Create landing task']"));
        click(By.xpath("//button[normalize-space(.)='Add storage task']"));
        type(By.id("storage-name"), "store shop");
        type(By.id("storage-interval"), "2");
        click(By.xpath("//button[normalize-space(.)='Create storage task']"));
        wait(driver -> driver.findElements(By.cssSelector(".react-flow__node")).size() == 2);
        wait(driver -> driver.findElements(By.cssSelector(".react-flow__edge")).size() == 1);

        // The graph by keyboard alone: Tab reaches a task, Enter shows only its details, Space all again.
        By taskPanels = By.cssSelector("section.task-panel");
        wait(ExpectedConditions.numberOfElementsToBe(taskPanels, 2));
        WebElement storeNode = tabTo("Task store shop (storage), stopped");
        assertThat(storeNode.getAttribute("aria-pressed")).isEqualTo("false");
        storeNode.sendKeys(Keys.ENTER);
        wait(ExpectedConditions.numberOfElementsToBe(taskPanels, 1));
        assertThat(browser.findElement(taskPanels).findElement(By.tagName("h2")).getText())
                .startsWith("store shop");
        assertThat(storeNode.getAttribute("aria-pressed")).isEqualTo("true");
        screenshot("task-selected-by-keyboard");
        storeNode.sendKeys(Keys.SPACE);
        wait(ExpectedConditions.numberOfElementsToBe(taskPanels, 2));

        // Start it and watch rows arrive, live.
        click(By.xpath("//button[normalize-space(.)='Start all']"));
        wait(ExpectedConditions.textMatches(
                By.cssSelector("[data-table='shop.customers']"), Pattern.compile("^300( of .*)?$")));
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".react-flow__node"), "cdc"));
        execute(
                "INSERT INTO shop.customers VALUES (301, 'new customer', DATE '2026-11-26')",
                "UPDATE shop.products SET price = 3.90 WHERE sku = 'tea'");
        wait(driver -> driver.findElements(By.xpath("//dt[text()='Changes landed']/following-sibling::dd[1]")).stream()
                .anyMatch(changes -> changes.getText().equals("2")));
        wait(ExpectedConditions.textToBe(
                By.xpath(
                        "//section[contains(@class, 'task-panel')][.//h2[starts-with(normalize-space(.), 'store shop')]]"
                                + "//tr[th[text()='shop.customers']]/td[2]"),
                "1"));
        screenshot("running");
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
        screenshot("project-on-a-laptop");
        assertEveryControlHasAName();

        // Reload one table: it is loaded again while changes keep landing.
        click(By.xpath("//button[normalize-space(.)='Reload shop.products']"));
        assertThat(visible(By.cssSelector(".task-panel .notice")).getText())
                .isEqualTo("Loading shop.products again; changes keep landing meanwhile.");
        assertThat(browser.findElements(By.cssSelector(".task-panel [role=alert]")))
                .isEmpty();
        wait(ExpectedConditions.textMatches(
                By.cssSelector("[data-table='shop.products']"), Pattern.compile("^2( of .*)?$")));
        assertThat((Boolean) ((JavascriptExecutor) browser)
                        .executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                .as("the project page fits the width of a laptop screen")
                .isTrue();

        // Preview the stored data, with column types.
        click(By.xpath("//button[normalize-space(.)='Refresh list']"));
        wait(driver -> !new Select(driver.findElement(By.id("data-object")))
                .getOptions()
                .isEmpty());
        new Select(browser.findElement(By.id("data-object"))).selectByVisibleText("console_storage.customers (view)");
        click(By.xpath("//button[normalize-space(.)='Preview']"));
        WebElement preview = visible(By.cssSelector("table.preview"));
        assertThat(preview.findElements(By.cssSelector("tbody tr"))).hasSize(50);
        assertThat(preview.findElement(By.cssSelector("thead")).getText())
                .contains("id")
                .containsIgnoringCase("integer");
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", preview);
        screenshot("preview");

        // Administration: connectors and bundles; upload a bundle, remove it, a broken one's error.
        click(By.linkText("Administration"));
        visible(By.xpath("//table[@aria-label='Connectors']//td[text()='source, target']"));
        Path bundle = TestBundle.named("io.millrace.it.console")
                .version("1.2.3")
                .writeTo(Files.createTempFile(Path.of("target"), "console-", ".jar"));
        browser.findElement(By.id("bundle-file"))
                .sendKeys(bundle.toAbsolutePath().toString());
        click(By.xpath("//button[normalize-space(.)='Upload and deploy']"));
        assertThat(visible(By.cssSelector(".notice")).getText()).contains("Deployed io.millrace.it.console 1.2.3");
        assertEveryControlHasAName();
        screenshot("bundle-deployed");
        click(By.xpath("//button[normalize-space(.)='Remove io.millrace.it.console 1.2.3']"));
        wait(ExpectedConditions.alertIsPresent()).accept();
        wait(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".notice"), "Removed io.millrace.it.console 1.2.3"));
        wait(ExpectedConditions.numberOfElementsToBe(
                By.xpath("//button[normalize-space(.)='Remove io.millrace.it.console 1.2.3']"), 0));
        Path broken = TestBundle.named("io.millrace.it.broken")
                .importing("io.millrace.no.such.api")
                .writeTo(Files.createTempFile(Path.of("target"), "broken-", ".jar"));
        browser.findElement(By.id("bundle-file"))
                .sendKeys(broken.toAbsolutePath().toString());
        click(By.xpath("//button[normalize-space(.)='Upload and deploy']"));
        assertThat(visible(By.cssSelector("[role=alert]")).getText()).contains("io.millrace.no.such.api");
        screenshot("broken-bundle");

        // Users: create one with a role, see it listed, delete it.
        click(By.linkText("Users"));
        click(By.xpath("//button[normalize-space(.)='New user']"));
        type(By.id("user-name"), "analyst");
        type(By.id("user-password"), "a long enough password");
        assertThat(browser.findElement(By.id("role-user")).isSelected()).isTrue();
        assertEveryControlHasAName();
        click(By.xpath("//button[normalize-space(.)='Create user']"));
        By analyst = By.xpath("//table[@aria-label='Users']//tr[th[text()='analyst']]");
        assertThat(visible(analyst).findElement(By.xpath("td[1]")).getText()).isEqualTo("user");
        screenshot("users");
        click(By.xpath("//button[normalize-space(.)='Delete user analyst']"));
        wait(ExpectedConditions.alertIsPresent()).accept();
        wait(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".notice"), "Deleted the user analyst"));
        wait(ExpectedConditions.numberOfElementsToBe(analyst, 0));

        // API keys: the key is shown once, works as a bearer token, and is refused once revoked.
        click(By.linkText("API keys"));
        click(By.xpath("//button[normalize-space(.)='New API key']"));
        type(By.id("key-name"), "nightly export");
        click(By.xpath("//button[normalize-space(.)='Create API key']"));
        String key = visible(By.cssSelector("[data-testid=api-key-secret]")).getText();
        Api withKey = Api.anonymous(server).withBearer(key);
        assertThat(withKey.get("/api/v1/auth/me").status()).isEqualTo(200);
        visible(By.xpath("//table[@aria-label='API keys']//th[text()='nightly export']"));
        click(By.xpath("//button[normalize-space(.)='Copy key']"));
        wait(ExpectedConditions.textMatches(By.cssSelector(".created-key [role=status]"), Pattern.compile(".+")));
        assertEveryControlHasAName();
        screenshot("api-key-created");
        click(By.xpath("//button[normalize-space(.)='Done']"));
        click(By.xpath("//button[normalize-space(.)='Revoke nightly export']"));
        wait(ExpectedConditions.alertIsPresent()).accept();
        wait(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".notice"), "Revoked the API key nightly export"));
        assertThat(withKey.get("/api/v1/auth/me").status()).isEqualTo(401);

        // Stop the project, sign out; a session whose token is no longer valid says so.
        browser.navigate().back();
        browser.get(server.uri("/projects").toString());
        click(By.linkText("console"));
        click(By.xpath("//button[normalize-space(.)='Stop all']"));
        // The nodes' text, not their visible text: React Flow keeps nodes hidden until it has
        // measured them, which a headless browser sometimes does late.
        wait(driver -> {
            List<WebElement> nodes = driver.findElements(By.cssSelector(".react-flow__node"));
            return nodes.size() == 2
                    && nodes.stream()
                            .allMatch(node -> node.getAttribute("textContent").contains("stopped"));
        });
        click(By.xpath("//button[normalize-space(.)='Sign out']"));
        assertThat(visible(By.cssSelector(".notice")).getText()).contains("signed out");
        type(By.id("signin-password"), server.adminPassword());
        click(By.xpath("//button[normalize-space(.)='Sign in']"));
        visible(By.xpath("//h1[text()='console']"));
        ((JavascriptExecutor) browser).executeScript("sessionStorage.setItem('millrace.token', 'revoked-token')");
        click(By.linkText("Connections"));
        assertThat(visible(By.cssSelector(".notice")).getText()).contains("expired");
        screenshot("session-expired");
    }

    /** Every button, link and field on the page has a name that a screen reader can say. */
    private void assertEveryControlHasAName() {
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) ((JavascriptExecutor) browser).executeScript("""
                        return [...document.querySelectorAll('button, a[href], input, select, textarea')]
                          .filter((e) => e.type !== 'hidden')
                          .filter((e) => !(e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')
                            || e.labels?.length || e.title
                            || (['BUTTON', 'A'].includes(e.tagName) && e.textContent.trim())))
                          .map((e) => e.outerHTML.slice(0, 160));
                        """);
        assertThat(unnamed).as("controls without an accessible name").isEmpty();
    }

    /** Presses Tab until the element with this accessible name has the focus, as a keyboard user does. */
    private WebElement tabTo(String ariaLabel) {
        Actions keyboard = new Actions(browser);
        for (int presses = 0; presses < 60; presses++) {
            keyboard.sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            if (ariaLabel.equals(focused.getAttribute("aria-label"))) {
                return focused;
            }
        }
        screenshot("failure");
        throw new AssertionError("Tab never reached " + ariaLabel);
    }

    private WebElement visible(By locator) {
        return wait(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    private void click(By locator) {
        wait(ExpectedConditions.elementToBeClickable(locator)).click();
    }

    private void type(By locator, String text) {
        WebElement field = visible(locator);
        // clear() does not reach React's state: select what is there and type over it, as a user does.
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    private <T> T wait(java.util.function.Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser, WAIT).until(condition);
        } catch (RuntimeException e) {
            screenshot("failure");
            throw e;
        }
    }

    private void screenshot(String step) {
        try {
            Files.write(
                    SCREENSHOTS.resolve(String.format("%02d-%s.png", shot.incrementAndGet(), step)),
                    ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : List.of(statements)) {
                statement.execute(sql);
            }
        }
    }
}

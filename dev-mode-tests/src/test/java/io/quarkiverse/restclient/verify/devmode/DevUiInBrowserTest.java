package io.quarkiverse.restclient.verify.devmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkiverse.restclient.verify.testpki.Pem;
import io.quarkiverse.restclient.verify.testpki.ServerCase;
import io.quarkiverse.restclient.verify.testpki.ServerScenarios;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI card in a real browser (Debian's chromium, headless) against a dev-mode application on a free port:
 * the card opens, the clients page lists each client with its trust, repeated failed calls appear as one group under
 * failures, Inspect shows the verdict for a trusted and an untrusted server with the URL taken from the client's
 * configuration, and the downloaded PEM holds the chain. Screenshots go to {@code target/screenshots}, the card alone
 * to {@code dev-ui-card.png} for the docs.
 */
public class DevUiInBrowserTest {

    static final ServerScenarios PKI = new ServerScenarios();
    static final int PORT = freePort();
    static final String BASE = "http://localhost:" + PORT;
    static final Path MOUNTED = write("ca.pem", Pem.certificates(PKI.unknownRoot().certificate()));
    static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    static final Path DOWNLOADS = SCREENSHOTS.resolveSibling("browser-downloads");

    /** Finds the first element matching a selector anywhere, through every open shadow root. */
    static final String DEEP_QUERY = """
            const deep = (root, selector) => {
                const found = root.querySelector(selector);
                if (found) { return found; }
                for (const element of root.querySelectorAll('*')) {
                    if (element.shadowRoot) {
                        const inner = deep(element.shadowRoot, selector);
                        if (inner) { return inner; }
                    }
                }
                return null;
            };
            return deep(document, arguments[0]);
            """;

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(Hello.class, ShippedClient.class, MountedClient.class, DevCallResource.class)
                    .addAsResource(new StringAsset(Pem.certificates(PKI.trustedRoot().certificate())),
                            "certs/ca.pem")
                    .addAsResource(new StringAsset(String.join("\n",
                            "quarkus.http.port=" + PORT,
                            "quarkus.rest-client.shipped.url=" + PKI.server(ServerCase.GOOD_CHAIN).uri(),
                            "quarkus.rest-client.shipped.verify=classpath:certs/ca.pem",
                            "quarkus.rest-client.mounted.url=" + PKI.server(ServerCase.GOOD_CHAIN).uri(),
                            "quarkus.rest-client.mounted.verify=" + MOUNTED,
                            "quarkus.rest-client.verify-trust-env=false")), "application.properties"));

    static ChromeDriver browser;

    @BeforeAll
    static void openBrowser() throws IOException {
        Path chromium = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
        Path driver = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));
        assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(driver),
                "needs Debian's chromium and chromium-driver (apt-get install -y chromium chromium-driver)");
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        // A chain downloaded by an earlier run (another PKI) must not pass for this run's download.
        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            for (Path file : old.toList()) {
                Files.delete(file);
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1600,1200");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
        PKI.close();
    }

    @Test
    void theCardShowsClientsFailuresAndInspect() throws Exception {
        // Two failed calls of the same client to the same server for the same reason.
        for (int i = 0; i < 2; i++) {
            browser.get(BASE + "/dev/mounted");
            assertThat(browser.findElement(By.tagName("body")).getText()).isEqualTo("FAIL UNKNOWN_ISSUER");
        }

        browser.get(BASE + "/q/dev-ui/extensions");
        WebElement link = await("the card's 'REST clients' link", () -> cardLink("REST clients"));
        screenshot("1-extensions-card");
        // The card alone, as the docs show it (docs/modules/ROOT/images/dev-ui.png is copied from this file).
        Files.write(SCREENSHOTS.resolve("dev-ui-card.png"), card(link).getScreenshotAs(OutputType.BYTES));
        click(link.getShadowRoot().findElement(By.cssSelector("a.extensionLink")));

        SearchContext clients = await("the clients page", () -> component("qwc-rest-client-verify-clients",
                root -> !root.findElements(By.cssSelector("details.failure")).isEmpty()));
        String table = String.join("\n", texts(clients, "vaadin-grid-cell-content"));
        screenshot("2-clients-and-failures");
        assertThat(table).contains("mounted").contains("file " + MOUNTED + " (1 CA certificate)")
                .contains("shipped").contains("classpath bundle certs/ca.pem (1 CA certificate, read at build time)")
                .doesNotContain("CA certificates");
        List<WebElement> failures = clients.findElements(By.cssSelector("details.failure"));
        assertThat(failures).hasSize(1);
        WebElement failure = failures.get(0);
        assertThat(failure.findElement(By.tagName("summary")).getText())
                .contains("UNKNOWN_ISSUER").contains("mounted").contains("127.0.0.1:" + PKI.server(
                        ServerCase.GOOD_CHAIN).port())
                .contains("2 times").contains("first ").contains(", last ");
        click(failure.findElement(By.tagName("summary")));
        screenshot("3-failure-opened");
        assertThat(failure.findElement(By.tagName("pre")).getText())
                .startsWith("TLS failed for REST client 'mounted'").doesNotContain("This client trusts:");

        browser.get(BASE + "/q/dev-ui/quarkus-rest-client-verify/inspect-server");
        SearchContext inspect = await("the Inspect page", () -> component("qwc-rest-client-verify-inspect",
                root -> !root.findElements(By.cssSelector("vaadin-combo-box")).isEmpty()));
        String url = PKI.server(ServerCase.GOOD_CHAIN).uri().toString();

        choose(inspect, "shipped");
        assertThat(fieldValue(inspect)).as("URL taken from quarkus.rest-client.shipped.url").isEqualTo(url);
        WebElement trusted = inspectAndWait(inspect);
        screenshot("4-inspect-trusted");
        assertThat(trusted.getText()).isEqualTo("TRUSTED");

        click(inspect.findElements(By.cssSelector("vaadin-button")).stream()
                .filter(button -> button.getText().contains("Download the chain")).findFirst().orElseThrow());
        Path pem = await("the downloaded PEM", () -> {
            try (Stream<Path> files = Files.list(DOWNLOADS)) {
                // Chrome writes a .crdownload file first and renames it when complete.
                return files.filter(file -> file.getFileName().toString().endsWith("-chain.pem")).findFirst()
                        .filter(file -> file.toFile().length() > 0).orElse(null);
            }
        });
        String downloaded = Files.readString(pem);
        assertThat(downloaded.replaceAll("(?m)^#.*\n", "").trim())
                .isEqualTo(Pem.certificates(PKI.certificate(ServerCase.GOOD_CHAIN).chain()).trim());

        choose(inspect, "mounted");
        WebElement untrusted = inspectAndWait(inspect);
        screenshot("5-inspect-untrusted");
        assertThat(untrusted.getText()).isEqualTo("UNKNOWN_ISSUER");
        assertThat(inspect.findElement(By.cssSelector("pre")).getText())
                .startsWith("TLS failed for REST client 'mounted'");
    }

    /** The card's page link with this title, once the extensions page has rendered it. */
    private WebElement cardLink(String title) {
        @SuppressWarnings("unchecked")
        List<WebElement> links = (List<WebElement>) ((JavascriptExecutor) browser).executeScript("""
                const all = [];
                const walk = root => root.querySelectorAll('*').forEach(element => {
                    if (element.tagName.toLowerCase() === 'qwc-extension-link') { all.push(element); }
                    if (element.shadowRoot) { walk(element.shadowRoot); }
                });
                walk(document);
                return all.filter(link => (link.namespace || '') === 'quarkus-rest-client-verify'
                        || (link.path || '').includes('quarkus-rest-client-verify'));
                """);
        return links.stream().filter(l -> l.getShadowRoot().findElements(By.cssSelector("a.extensionLink")).stream()
                .anyMatch(a -> a.getText().contains(title))).findFirst().orElse(null);
    }

    /** The extension's card on the extensions page: the {@code qwc-extension} around one of its links. */
    private WebElement card(WebElement link) {
        return (WebElement) ((JavascriptExecutor) browser).executeScript("""
                let element = arguments[0];
                while (element && element.tagName.toLowerCase() !== 'qwc-extension') {
                    element = element.parentElement || element.getRootNode().host;
                }
                return element;
                """, link);
    }

    /** The shadow root of the extension's page component, once it satisfies the condition. */
    private SearchContext component(String tag, Predicate<SearchContext> ready) {
        WebElement element = (WebElement) ((JavascriptExecutor) browser).executeScript(DEEP_QUERY, tag);
        if (element == null) {
            return null;
        }
        SearchContext root = element.getShadowRoot();
        return ready.test(root) ? root : null;
    }

    private void choose(SearchContext inspect, String client) {
        WebElement combo = inspect.findElement(By.cssSelector("vaadin-combo-box"));
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", combo, client);
        await("the client " + client + " chosen", () -> client.equals(combo.getDomProperty("value")) ? combo : null);
    }

    private String fieldValue(SearchContext inspect) {
        return inspect.findElement(By.cssSelector("vaadin-text-field")).getDomProperty("value");
    }

    /** Clicks "Inspect server" and waits for the verdict of this click. */
    private WebElement inspectAndWait(SearchContext inspect) {
        // Clear the last verdict, so that the one awaited is this click's.
        ((JavascriptExecutor) browser).executeScript("arguments[0]._result = null;",
                (WebElement) ((JavascriptExecutor) browser).executeScript(DEEP_QUERY, "qwc-rest-client-verify-inspect"));
        await("the last verdict cleared", () -> inspect.findElements(By.cssSelector("b.trusted, b.problem")).isEmpty()
                ? inspect
                : null);
        click(inspect.findElements(By.cssSelector("vaadin-button")).stream()
                .filter(button -> button.getText().contains("Inspect server")).findFirst().orElseThrow());
        return await("a verdict", () -> {
            List<WebElement> verdicts = inspect.findElements(By.cssSelector("b.trusted, b.problem"));
            return verdicts.isEmpty() ? null : verdicts.get(0);
        });
    }

    /**
     * Clicks like a user would; ChromeDriver 156 cannot click an element reached through nested shadow roots
     * ("Cannot read properties of undefined (reading 'defaultView')"), so those get a DOM click.
     */
    private void click(WebElement element) {
        try {
            element.click();
        } catch (JavascriptException e) {
            ((JavascriptExecutor) browser).executeScript("arguments[0].click();", element);
        }
    }

    private static List<String> texts(SearchContext root, String selector) {
        return root.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }

    private <T> T await(String what, ThrowingSupplier<T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).withMessage(what).until(driver -> {
            try {
                return condition.get();
            } catch (Exception e) {
                return null;
            }
        });
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    /** A supplier that may throw while the page is still rendering. */
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(String name, String content) {
        try {
            return Files.writeString(Files.createTempDirectory("verify-dev-ui-browser").resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

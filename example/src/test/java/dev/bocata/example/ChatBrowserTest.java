package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.bocata.runtime.WebSocketServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The example's chat page in headless Chromium, used with the keyboard as a person would: three
 * windows in one room, messages both ways, a join, a leave, and a server restart on the same port.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} (or {@code -Dbocata.chromium} and
 * {@code -Dbocata.chromedriver} naming others); skipped without them. With
 * {@code -Dbocata.screenshot=docs/chat.png} it saves the screenshot of two people chatting (a
 * relative path is taken from the repository's root).
 */
@Timeout(120)
class ChatBrowserTest {

    private static final Path CHROMIUM = Path.of(System.getProperty("bocata.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
            Path.of(System.getProperty("bocata.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void twoPeopleChatSeeAJoinAndALeaveAndCarryOnAfterAServerRestart(@TempDir Path profile) throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "no " + CHROMIUM + " or " + CHROMEDRIVER + ": install them with 'apt-get install chromium "
                    + "chromium-driver' (Debian) to run the browser test, or name others with "
                    + "-Dbocata.chromium=... -Dbocata.chromedriver=...";
            System.err.println("ChatBrowserTest skipped: " + why); // the build's output, not only its reports
            assumeTrue(false, why);
        }
        WebSocketServer server = startServer(0);
        int port = server.port();
        ChromeDriver browser = startChromium(profile);
        try {
            browser.get("http://127.0.0.1:" + port + "/");
            String alice = browser.getWindowHandle();
            joinWithKeyboard(browser, "alice", "kitchen");
            assertEquals(List.of("alice"), texts(browser, "#members li"));

            String bob = openWindow(browser, port);
            joinWithKeyboard(browser, "bob", "kitchen");
            assertEquals(List.of("alice", "bob"), texts(browser, "#members li"), "the welcome lists who is there");

            browser.switchTo().window(alice);
            awaitEntry(browser, "li.event", "bob joined");
            assertEquals(List.of("alice", "bob"), texts(browser, "#members li"));
            typeAndEnter(browser, "Hi Bob! Bocadillo or bocata?");

            browser.switchTo().window(bob);
            awaitMessage(browser, "alice", "Hi Bob! Bocadillo or bocata?");
            typeAndEnter(browser, "Bocata, of course. With tortilla");

            browser.switchTo().window(alice);
            awaitMessage(browser, "bob", "Bocata, of course. With tortilla");
            typeAndEnter(browser, "Same here. See you at noon");
            awaitMessage(browser, "alice", "Same here. See you at noon");
            saveScreenshotIfAsked(browser);

            String carol = openWindow(browser, port);
            joinWithKeyboard(browser, "<i>carol</i>", "kitchen");
            typeAndEnter(browser, "<img src=x onerror=\"document.title='owned'\">");
            for (String window : List.of(alice, bob)) {
                browser.switchTo().window(window);
                awaitEntry(browser, "li.event", "<i>carol</i> joined");
                WebElement markup =
                        awaitMessage(browser, "<i>carol</i>", "<img src=x onerror=\"document.title='owned'\">");
                assertTrue(
                        markup.findElements(By.cssSelector("img, i")).isEmpty(),
                        "names and texts are text, never markup");
                assertTrue(browser.findElements(By.cssSelector("#members i")).isEmpty());
                assertEquals("Bocata chat", browser.getTitle());
            }
            browser.switchTo().window(carol);
            browser.close(); // the page goes away: the browser closes its WebSocket
            for (String window : List.of(alice, bob)) {
                browser.switchTo().window(window);
                awaitEntry(browser, "li.event", "<i>carol</i> left");
                new WebDriverWait(browser, WAIT)
                        .until(driver -> texts(driver, "#members li").equals(List.of("alice", "bob")));
            }

            server.close();
            for (String window : List.of(alice, bob)) {
                browser.switchTo().window(window);
                awaitStatus(browser, "reconnecting", "Reconnecting…");
            }
            server = startServer(port);
            for (String window : List.of(alice, bob)) {
                browser.switchTo().window(window);
                awaitStatus(
                        browser,
                        "connected",
                        "Connected as " + (window.equals(alice) ? "alice" : "bob") + " in #kitchen");
            }
            browser.switchTo().window(bob);
            new WebDriverWait(browser, WAIT)
                    .until(driver -> texts(driver, "#members li").equals(List.of("alice", "bob")));
            typeAndEnter(browser, "Still here after the restart");
            browser.switchTo().window(alice);
            awaitMessage(browser, "bob", "Still here after the restart");

            // a frame the server refuses (1008): the page shows the reason instead of reconnecting
            browser.switchTo().window(bob);
            browser.executeScript("socket.send('not a say')");
            awaitStatus(browser, "closed", "Disconnected: expected {\"type\":\"say\",\"text\":\"...\"}");
            assertTrue(browser.findElement(By.id("send"))
                    .getDomProperty("disabled")
                    .equals("true"));
            browser.switchTo().window(alice);
            awaitEntry(browser, "li.event", "bob left");
        } finally {
            browser.quit();
            server.close();
        }
    }

    private static WebSocketServer startServer(int port) {
        WebSocketServer server = WebSocketServer.builder()
                .host("127.0.0.1")
                .port(port)
                .staticResources("/", "web")
                .shutdownTimeout(Duration.ofSeconds(2))
                .build();
        server.start();
        return server;
    }

    private static ChromeDriver startChromium(Path profile) {
        // Both paths given: Selenium Manager, which would try to download a driver, is never needed.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--user-data-dir=" + profile,
                "--window-size=900,600",
                "--lang=en-GB");
        return new ChromeDriver(service, options);
    }

    private static String openWindow(WebDriver browser, int port) {
        browser.switchTo().newWindow(WindowType.WINDOW);
        browser.get("http://127.0.0.1:" + port + "/");
        return browser.getWindowHandle();
    }

    /** Name, Tab, room, Enter: the page starts in the name field and the form is in that order. */
    private static void joinWithKeyboard(WebDriver browser, String name, String room) {
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("name")));
        assertEquals("name", browser.switchTo().activeElement().getDomAttribute("id"), "the name field has focus");
        assertEquals(
                "Your name",
                browser.findElement(By.cssSelector("label[for=name]")).getText());
        assertEquals(
                "Room", browser.findElement(By.cssSelector("label[for=room]")).getText());
        browser.switchTo().activeElement().sendKeys(name, Keys.TAB);
        assertEquals("room", browser.switchTo().activeElement().getDomAttribute("id"), "Tab goes to the room");
        browser.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), room, Keys.ENTER);
        awaitStatus(browser, "connected", "Connected as " + name + " in #" + room);
        assertEquals(
                "text",
                browser.switchTo().activeElement().getDomAttribute("id"),
                "joined: the message field has focus");
        assertEquals(
                "Message",
                browser.findElement(By.cssSelector("label[for=text]")).getText());
    }

    /** Types into the focused message field and presses Enter. */
    private static void typeAndEnter(WebDriver browser, String text) {
        new WebDriverWait(browser, WAIT).until(ExpectedConditions.elementToBeClickable(By.id("send")));
        WebElement field = browser.switchTo().activeElement();
        assertEquals("text", field.getDomAttribute("id"));
        field.sendKeys(text, Keys.ENTER);
        new WebDriverWait(browser, WAIT)
                .until(driver -> driver.findElement(By.id("text"))
                        .getDomProperty("value")
                        .isEmpty());
    }

    private static void awaitStatus(WebDriver browser, String state, String text) {
        new WebDriverWait(browser, WAIT)
                .withMessage(() -> "status " + state + ": "
                        + browser.findElement(By.id("status")).getText())
                .until(driver -> {
                    WebElement status = driver.findElement(By.id("status"));
                    return state.equals(status.getDomAttribute("data-state"))
                            && status.isDisplayed()
                            && text.equals(status.getText());
                });
    }

    private static WebElement awaitEntry(WebDriver browser, String selector, String text) {
        return new WebDriverWait(browser, WAIT)
                .withMessage(() -> "'" + text + "' in " + texts(browser, "#log li"))
                .until(driver -> driver.findElements(By.cssSelector("#log " + selector)).stream()
                        .filter(entry -> entry.isDisplayed()
                                && text.equals(
                                        entry.findElement(By.className("text")).getText()))
                        .findFirst()
                        .orElse(null));
    }

    /** A message with its sender's name and a time. */
    private static WebElement awaitMessage(WebDriver browser, String user, String text) {
        WebElement message = new WebDriverWait(browser, WAIT)
                .withMessage(() -> user + ": " + text + " in " + texts(browser, "#log li"))
                .until(driver -> driver.findElements(By.cssSelector("#log li.message")).stream()
                        .filter(entry -> entry.isDisplayed()
                                && user.equals(
                                        entry.findElement(By.className("user")).getText())
                                && text.equals(
                                        entry.findElement(By.className("text")).getText()))
                        .findFirst()
                        .orElse(null));
        String time = message.findElement(By.tagName("time")).getDomAttribute("datetime");
        assertTrue(time != null && time.matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), "the message has its time: " + time);
        return message;
    }

    private static List<String> texts(WebDriver browser, String selector) {
        return browser.findElements(By.cssSelector(selector)).stream()
                .map(WebElement::getText)
                .toList();
    }

    private static void saveScreenshotIfAsked(ChromeDriver browser) throws IOException {
        String target = System.getProperty("bocata.screenshot");
        if (target == null || target.isBlank()) {
            return;
        }
        Path path = Path.of(target);
        if (!path.isAbsolute()) {
            Path root = Path.of("").toAbsolutePath();
            while (root.getParent() != null && !Files.exists(root.resolve("mvnw"))) {
                root = root.getParent();
            }
            path = root.resolve(path);
        }
        Files.createDirectories(path.toAbsolutePath().getParent());
        Files.write(path, browser.getScreenshotAs(OutputType.BYTES));
    }
}

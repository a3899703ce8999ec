package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.testsupport.WsClient;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The example app as a user runs it: its own JVM, stopped by a signal. */
class ExampleAppTest {

    @Test
    void printsItsUrlsServesThePageAndTheRoutesAndSays1001ToOpenConnectionsWhenTheJvmIsStopped() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process app = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        ExampleApp.class.getName(),
                        "0") // port 0: the system picks a free one, the app prints it
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException | UncheckedIOException ended) {
                // the process ended
            }
        });
        try {
            String line = nextLineStartingWith(lines, "Bocata example listening on");
            Matcher url = Pattern.compile("ws://127\\.0\\.0\\.1:(\\d+) ").matcher(line);
            assertTrue(url.find(), "the app prints its URL: " + line);
            int port = Integer.parseInt(url.group(1));
            assertTrue(port > 0, line);
            assertEquals(
                    "open http://127.0.0.1:" + port + "/", nextLineStartingWith(lines, "open "), "and the chat page's");
            HttpResponse<String> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>Bocata chat</title>"), page.body());
            try (WsClient echo = WsClient.connect(port, "/echo")) {
                echo.send("before the signal");
                assertEquals("before the signal", echo.nextText());
                app.destroy(); // SIGTERM: the JVM runs its shutdown hooks
                assertEquals(1001, echo.nextClose().code());
            }
            assertTrue(app.waitFor(30, TimeUnit.SECONDS), "the JVM exits after awaitShutdown() returns");
        } finally {
            app.destroyForcibly();
        }
    }

    /** The next line of the app's output with this start (its log lines come in between), waiting at most 30 s. */
    private static String nextLineStartingWith(BlockingQueue<String> lines, String start) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(line, "the app printed no line starting with \"" + start + "\" within 30 s");
            if (line.startsWith(start)) {
                return line;
            }
        }
    }
}

package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The example app as a user runs it: its own JVM, stopped by a signal. */
class ExampleAppTest {

    @Test
    void printsItsUrlsServesThePageAndTheRoutesAndSays1001ToOpenConnectionsWhenTheJvmIsStopped() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        Process app = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                ExampleApp.class.getName(), String.valueOf(port))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("Bocata example listening on"));
            assertTrue(line != null && line.contains("ws://127.0.0.1:" + port), "the app prints its URL: " + line);
            assertEquals("open http://127.0.0.1:" + port + "/", out.readLine(), "and the chat page's");
            HttpResponse<String> page = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<title>Bocata chat</title>"), page.body());
            try (WsClient echo = WsClient.connect(port, "/echo")) {
                echo.send("before the signal");
                assertEquals("before the signal", echo.nextText());
                app.destroy(); // SIGTERM: the JVM runs its shutdown hooks
                assertEquals(1001, echo.nextClose().code());
            }
            assertTrue(app.waitFor(10, TimeUnit.SECONDS), "the JVM exits after awaitShutdown() returns");
        } finally {
            app.destroyForcibly();
        }
    }
}

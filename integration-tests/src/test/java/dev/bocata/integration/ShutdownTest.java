package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import dev.bocata.testsupport.LogCapture;
import dev.bocata.testsupport.Probe;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** close() is graceful: 1001 to open connections, 503 to pending handshakes, then the listener stops. */
class ShutdownTest {

    @Test
    void closeSays1001ToOpenConnectionsAndEndsAwaitShutdown() throws Exception {
        WebSocketServer server = WebSocketServer.builder()
                .port(0)
                .shutdownTimeout(Duration.ofSeconds(5))
                .build();
        server.start();
        int port = server.port();
        String probe = Probe.newId();
        CountDownLatch awaited = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                server.awaitShutdown();
                awaited.countDown();
            } catch (InterruptedException ignored) {
                // the test fails below
            }
        });
        try (LogCapture log = LogCapture.ofRoutes("/echo", "/test/await-disconnect");
                WebSocketTestClient client = WebSocketTestClient.of(server);
                TestConnection echo = client.connect("/echo");
                TestConnection waiting = client.connect("/test/await-disconnect?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            echo.sendText("still here");
            assertEquals("still here", echo.receiveText());
            assertFalse(awaited.await(100, TimeUnit.MILLISECONDS), "awaitShutdown() waits while the server runs");

            server.close();

            assertEquals(1001, echo.awaitClose().code());
            assertEquals(1001, waiting.awaitClose().code());
            assertEquals("disconnect 1001", Probe.next(probe));
            assertTrue(awaited.await(10, TimeUnit.SECONDS), "awaitShutdown returns after close()");
            assertEquals(0, server.connectionCount(), "close() returned after the handlers ended");
            assertEquals(List.of(), log.warningsAndErrors(), "1001 is a caught code by default");
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "the listener stopped");
        waiter.join();
        server.close(); // closing twice is harmless
    }

    /**
     * The handler is still in its access check (the test never releases it): close() answers 503,
     * interrupts it once the shutdown timeout has passed, and returns.
     */
    @Test
    void closeAnswers503ToPendingHandshakesAndInterruptsHandlersThatOutliveTheTimeout() throws Exception {
        WebSocketServer server = WebSocketServer.builder()
                .port(0)
                .shutdownTimeout(Duration.ofMillis(300))
                .build();
        server.start();
        String probe = Probe.newId();
        try (Socket pending = RawHandshake.write(server.port(), "/test/slow-check?probe=" + probe)) {
            assertEquals("checking", Probe.next(probe));
            assertTimeoutPreemptively(Duration.ofSeconds(30), server::close);
            assertEquals(
                    "HTTP/1.1 503 Service Unavailable",
                    RawHandshake.readHead(pending).lines().findFirst().orElse(""));
            assertEquals("interrupted, state CLOSED", Probe.next(probe));
        } finally {
            Probe.release(probe);
        }
    }

    /**
     * Once close() returns, the port refuses connections, every time (Grizzly closes the listening
     * socket on its selector thread, which a loaded machine can keep waiting past close()).
     */
    @Test
    void afterCloseThePortRefusesConnectionsEveryTime() throws Exception {
        for (int i = 0; i < 100; i++) {
            WebSocketServer server = WebSocketServer.builder().port(0).build();
            server.start();
            int port = server.port();
            server.close();
            int round = i;
            assertThrows(
                    ConnectException.class,
                    () -> new Socket("127.0.0.1", port).close(),
                    () -> "port " + port + " still accepted a connection after close(), round " + round);
        }
    }

    @Test
    void startingWithoutRoutesOrTwiceIsAClearError() {
        WebSocketServer empty = WebSocketServer.builder()
                .port(0)
                .classLoader(new ClassLoader(null) {})
                .build();
        IllegalStateException noRoutes = assertThrows(IllegalStateException.class, empty::start);
        assertTrue(noRoutes.getMessage().contains("annotationProcessorPaths"), noRoutes.getMessage());
        try (WebSocketServer server = WebSocketServer.builder().port(0).build()) {
            server.start();
            assertThrows(IllegalStateException.class, server::start);
        }
        assertThrows(
                IllegalArgumentException.class, () -> WebSocketServer.builder().port(70000));
    }
}

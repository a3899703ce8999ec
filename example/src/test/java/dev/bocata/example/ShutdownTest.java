package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** close() is graceful: 1001 to open connections, 503 to pending handshakes, then the listener stops. */
class ShutdownTest {

    @Test
    void closeSays1001ToOpenConnectionsAndEndsAwaitShutdown() throws Exception {
        WebSocketServer server = WebSocketServer.builder().port(0).shutdownTimeout(Duration.ofSeconds(5)).build();
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
        try (LogCapture log = new LogCapture();
                WsClient echo = WsClient.connect(port, "/echo");
                WsClient waiting = WsClient.connect(port, "/test/await-disconnect?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            echo.send("still here");
            assertEquals("still here", echo.nextText());
            assertFalse(awaited.await(100, TimeUnit.MILLISECONDS));

            server.close();

            assertEquals(1001, echo.nextClose().code());
            assertEquals(1001, waiting.nextClose().code());
            assertEquals("disconnect 1001", Probe.next(probe));
            assertTrue(awaited.await(5, TimeUnit.SECONDS), "awaitShutdown returns after close()");
            assertTrue(log.errors().isEmpty(), () -> "1001 is a caught code by default: " + log.errors());
        }
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close(), "the listener stopped");
        waiter.join();
        server.close(); // closing twice is harmless
    }

    @Test
    void closeAnswers503ToPendingHandshakesAndInterruptsHandlersThatOutliveTheTimeout() throws Exception {
        WebSocketServer server = WebSocketServer.builder().port(0).shutdownTimeout(Duration.ofMillis(300)).build();
        server.start();
        try (Socket pending = RawHandshake.write(server.port(), "/test/slow-check")) {
            Thread.sleep(300); // the handler is now in its 2 s access check
            long start = System.nanoTime();
            server.close();
            long closeMillis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("HTTP/1.1 503 Service Unavailable", RawHandshake.readHead(pending).lines().findFirst().orElse(""));
            assertTrue(closeMillis < 1_500, "close() took " + closeMillis + " ms with a 300 ms shutdown timeout");
        }
    }

    @Test
    void startingWithoutRoutesOrTwiceIsAClearError() {
        WebSocketServer empty = WebSocketServer.builder().port(0)
                .classLoader(new ClassLoader(null) {}).build();
        IllegalStateException noRoutes = assertThrows(IllegalStateException.class, empty::start);
        assertTrue(noRoutes.getMessage().contains("annotationProcessorPaths"), noRoutes.getMessage());
        try (WebSocketServer server = WebSocketServer.builder().port(0).build()) {
            server.start();
            assertThrows(IllegalStateException.class, server::start);
        }
        assertThrows(IllegalArgumentException.class, () -> WebSocketServer.builder().port(70000));
    }
}

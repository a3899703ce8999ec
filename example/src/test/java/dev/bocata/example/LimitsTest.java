package dev.bocata.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each limit of WebSocketServer.Builder, against a server configured with it. */
class LimitsTest {

    private interface ServerTest {
        void run(int port) throws Exception;
    }

    private static void withServer(UnaryOperator<WebSocketServer.Builder> options, ServerTest test) throws Exception {
        try (WebSocketServer server = options.apply(WebSocketServer.builder().port(0)).build()) {
            server.start();
            test.run(server.port());
        }
    }

    @Test
    void aMessageOverTheMaximumSizeClosesWith1009() throws Exception {
        withServer(b -> b.maxMessageSize(1000), port -> {
            String probe = Probe.newId();
            try (WsClient client = WsClient.connect(port, "/test/caught?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                client.send("x".repeat(1000));
                assertEquals(1000, client.nextText().length(), "a message at the limit passes");
                client.send("x".repeat(1001));
                assertEquals(1009, client.nextClose().code());
                assertEquals("loop threw 1009 message too big", Probe.next(probe));
            }
            try (WsClient echo = WsClient.connect(port, "/echo")) {
                echo.send("others are served");
                assertEquals("others are served", echo.nextText());
            }
        });
    }

    @Test
    void aClientFloodingASlowHandlerIsClosedWith1008() throws Exception {
        withServer(b -> b.inboundBufferSize(20_000), port -> {
            String probe = Probe.newId();
            try (WsClient client = WsClient.connect(port, "/test/slow-reader?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                String kilobyte = "k".repeat(1000); // 2,000 bytes queued
                for (int i = 0; i < 50 && !client.socket.isInputClosed(); i++) {
                    try {
                        client.send(kilobyte);
                    } catch (RuntimeException closedMeanwhile) {
                        break;
                    }
                }
                assertEquals(1008, client.nextClose().code());
                String seen = Probe.next(probe);
                assertTrue(seen.matches("took \\d+ then disconnect 1008"), seen);
                int taken = Integer.parseInt(seen.split(" ")[1]);
                assertTrue(taken <= 10, "at most 20,000 bytes were queued: " + taken + " messages");
            }
        });
    }

    @Test
    void anIdleConnectionIsClosedWith1001AndABusyOneIsNot() throws Exception {
        withServer(b -> b.idleTimeout(Duration.ofMillis(400)), port -> {
            String probe = Probe.newId();
            try (WsClient idle = WsClient.connect(port, "/test/await-disconnect?probe=" + probe);
                    WsClient busy = WsClient.connect(port, "/echo")) {
                assertEquals("open", Probe.next(probe));
                long start = System.nanoTime();
                for (int i = 0; i < 12; i++) { // 1.2 s of traffic, a message every 100 ms
                    busy.send("ping " + i);
                    assertEquals("ping " + i, busy.nextText());
                    Thread.sleep(100);
                }
                WsClient.Closed closed = idle.nextClose();
                assertEquals(1001, closed.code());
                assertEquals("idle timeout", closed.reason());
                assertEquals("disconnect 1001", Probe.next(probe));
                assertTrue(System.nanoTime() - start < 2_000_000_000L);
                busy.send("still open");
                assertEquals("still open", busy.nextText());
            }
        });
    }

    @Test
    void handshakesBeyondTheMaximumPendingGet503() throws Exception {
        withServer(b -> b.maxPendingHandshakes(2), port -> {
            List<CompletableFuture<WsClient>> pending = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                pending.add(CompletableFuture.supplyAsync(() -> WsClient.connect(port, "/test/slow-check")));
            }
            Thread.sleep(500); // both handlers are now in their 2 s check
            try (RawHandshake third = RawHandshake.open(port, "/test/slow-check")) {
                assertEquals("HTTP/1.1 503 Service Unavailable", third.statusLine());
            }
            for (CompletableFuture<WsClient> connection : pending) {
                try (WsClient client = connection.join()) {
                    assertEquals("checked", client.nextText());
                }
            }
            try (WsClient afterwards = WsClient.connect(port, "/hello")) {
                assertEquals("Hello, world!", afterwards.nextText());
            }
        });
    }

    @Test
    void aHandlerThatNeitherAcceptsNorRejectsInTimeGets503AndIsInterrupted() throws Exception {
        withServer(b -> b.handshakeTimeout(Duration.ofMillis(300)), port -> {
            String probe = Probe.newId();
            long start = System.nanoTime();
            try (RawHandshake answer = RawHandshake.open(port, "/test/undecided?probe=" + probe)) {
                assertEquals("HTTP/1.1 503 Service Unavailable", answer.statusLine());
            }
            assertTrue(System.nanoTime() - start < 2_000_000_000L);
            assertEquals("interrupted, state CLOSED", Probe.next(probe));
        });
    }

    @Test
    void anOriginOutsideTheAllowedOnesGets403BeforeTheHandlerRuns() throws Exception {
        withServer(b -> b.allowedOrigins("https://good.example"), port -> {
            String probe = Probe.newId();
            String request = "GET /test/return-without-accept?probe=" + probe + " HTTP/1.1\r\nHost: x\r\n"
                    + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
            try (RawHandshake evil = RawHandshake.send(port, request + "Origin: https://evil.example\r\n\r\n")) {
                assertEquals("HTTP/1.1 403 Forbidden", evil.statusLine());
            }
            assertTrue(Probe.quietFor(probe, 300), "the handler never ran");
            try (RawHandshake good = RawHandshake.send(port, request + "Origin: https://good.example\r\n\r\n")) {
                assertEquals("HTTP/1.1 101 Switching Protocols", good.statusLine());
            }
            assertEquals("state CONNECTING", Probe.next(probe));
            try (RawHandshake notABrowser = RawHandshake.send(port, request + "\r\n")) {
                assertEquals("HTTP/1.1 101 Switching Protocols", notABrowser.statusLine());
            }
        });
    }

    @Test
    void aHandlerIgnoringInterruptionDoesNotHoldCloseBeyondTheShutdownTimeout() throws Exception {
        WebSocketServer server = WebSocketServer.builder().port(0).shutdownTimeout(Duration.ofMillis(300)).build();
        server.start();
        String probe = Probe.newId();
        try (WsClient stubborn = WsClient.connect(server.port(), "/test/stubborn?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            long start = System.nanoTime();
            server.close();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 2_000, "close() took " + millis + " ms with a 300 ms shutdown timeout");
            assertEquals(1001, stubborn.nextClose().code());
            assertEquals("ignoring an interrupt", Probe.next(probe));
            org.junit.jupiter.api.Assertions.assertThrows(java.net.ConnectException.class,
                    () -> new Socket("127.0.0.1", server.port()).close(), "the listener stopped");
        } finally {
            TestRoutes.STUBBORN_RELEASED = true;
        }
    }

    @Test
    void aHandlerThrowingAnErrorStillClosesWith1011() throws Exception {
        withServer(b -> b, port -> {
            try (LogCapture log = new LogCapture(); WsClient client = WsClient.connect(port, "/test/overflow")) {
                client.send("go");
                assertEquals(1011, client.nextClose().code());
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (log.errors().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(StackOverflowError.class, log.errors().get(0).getThrown().getClass());
            }
        });
    }
}

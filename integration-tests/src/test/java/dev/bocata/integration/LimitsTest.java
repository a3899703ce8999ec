package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.CloseStatus;
import dev.bocata.testing.HandshakeRejected;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import dev.bocata.testsupport.LogCapture;
import dev.bocata.testsupport.Probe;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Each limit of WebSocketServer.Builder, against a server configured with it. */
// Connections held open in try blocks and never called: their being open is what the tests need.
@SuppressWarnings("try")
class LimitsTest {

    private interface ServerTest {
        void run(WebSocketServer server, WebSocketTestClient client) throws Exception;
    }

    private static void withServer(UnaryOperator<WebSocketServer.Builder> options, ServerTest test) throws Exception {
        try (WebSocketServer server =
                options.apply(WebSocketServer.builder().port(0)).build()) {
            server.start();
            try (WebSocketTestClient client = WebSocketTestClient.of(server)) {
                test.run(server, client);
            }
        }
    }

    @Test
    void aMessageOverTheMaximumSizeClosesWith1009() throws Exception {
        withServer(b -> b.maxMessageSize(1000), (server, client) -> {
            String probe = Probe.newId();
            try (TestConnection connection = client.connect("/test/collect?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                String atTheLimit = "x".repeat(1000);
                connection.sendText(atTheLimit);
                assertEquals("message " + atTheLimit, Probe.next(probe), "a message at the limit passes");
                connection.sendText("x".repeat(1001));
                assertEquals(new CloseStatus(1009, "message too big"), connection.awaitClose());
                assertEquals("disconnect 1009", Probe.next(probe));
            }
            try (TestConnection echo = client.connect("/echo")) {
                echo.sendText("others are served");
                assertEquals("others are served", echo.receiveText());
            }
        });
    }

    /**
     * The handler holds still until the client is closed with 1008; then it takes exactly the
     * messages that were queued within the 20,000 bytes (ten of 2,000: a char counts two), then
     * the disconnect.
     */
    @Test
    void aClientFloodingASlowHandlerIsClosedWith1008AfterTheQueuedMessagesReachTheHandler() throws Exception {
        withServer(b -> b.inboundBufferSize(20_000), (server, client) -> {
            String probe = Probe.newId();
            try (TestConnection connection = client.connect("/test/slow-reader?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                String kilobyte = "k".repeat(1000); // 2,000 bytes queued
                for (int i = 0; i < 50; i++) {
                    try {
                        connection.sendText(kilobyte);
                    } catch (RuntimeException | AssertionError closedMeanwhile) {
                        break; // the server closed the connection: sending failed
                    }
                }
                assertEquals(1008, connection.awaitClose().code());
                Probe.release(probe);
                assertEquals("took 10 then disconnect 1008", Probe.next(probe));
            }
        });
    }

    /**
     * The idle connection is closed once the timeout has passed with no message; the busy one,
     * with a message every 100 ms, stays open all that while and after.
     */
    @Test
    void anIdleConnectionIsClosedWith1001AndABusyOneIsNot() throws Exception {
        // long enough that a loaded machine's slowest round trip on the busy one stays far inside it
        Duration idleTimeout = Duration.ofSeconds(5);
        withServer(b -> b.idleTimeout(idleTimeout), (server, client) -> {
            String probe = Probe.newId();
            try (TestConnection idle = client.connect("/test/await-disconnect?probe=" + probe);
                    TestConnection busy = client.connect("/echo")) {
                assertEquals("open", Probe.next(probe));
                long start = System.nanoTime();
                String idleHandlerSaw = null;
                for (int i = 0; idleHandlerSaw == null; i++) { // until the idle one's handler hears of its end
                    assertTrue(i < 500, "the idle connection was not closed within 50 s");
                    busy.sendText("ping " + i);
                    assertEquals("ping " + i, busy.receiveText());
                    idleHandlerSaw = Probe.poll(probe, 100);
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals("disconnect 1001", idleHandlerSaw);
                assertTrue(millis >= idleTimeout.toMillis() - 200, "not before the idle timeout: " + millis + " ms");
                assertEquals(new CloseStatus(1001, "idle timeout"), idle.awaitClose());
                busy.sendText("still open");
                assertEquals("still open", busy.receiveText());
            }
        });
    }

    @Test
    void handshakesBeyondTheMaximumPendingGet503AndNeverRunTheHandler() throws Exception {
        withServer(b -> b.maxPendingHandshakes(2), (server, client) -> {
            try (ExecutorService connecting = Executors.newVirtualThreadPerTaskExecutor()) {
                List<String> held = List.of(Probe.newId(), Probe.newId());
                List<Future<TestConnection>> pending = held.stream()
                        .map(probe -> connecting.submit(() -> client.connect("/test/slow-check?probe=" + probe)))
                        .toList();
                for (String probe : held) {
                    assertEquals("checking", Probe.next(probe), "both handlers are in their check");
                }
                String refusedProbe = Probe.newId();
                HandshakeRejected third = assertThrows(
                        HandshakeRejected.class, () -> client.connect("/test/slow-check?probe=" + refusedProbe));
                assertEquals(503, third.status());
                held.forEach(Probe::release);
                for (Future<TestConnection> connection : pending) {
                    try (TestConnection checked = connection.get()) {
                        assertEquals("checked", checked.receiveText());
                    }
                }
                Probe.awaitHandlersEnded(server);
                Probe.assertNeverRan(refusedProbe, "the third handshake");
            }
            try (TestConnection afterwards = client.connect("/hello")) {
                assertEquals("Hello, world!", afterwards.receiveText());
            }
        });
    }

    @Test
    void aHandlerThatNeitherAcceptsNorRejectsInTimeGets503IsInterruptedAndCannotAcceptAfterwards() throws Exception {
        withServer(b -> b.handshakeTimeout(Duration.ofMillis(300)), (server, client) -> {
            String probe = Probe.newId();
            HandshakeRejected answer =
                    assertThrows(HandshakeRejected.class, () -> client.connect("/test/undecided?probe=" + probe));
            assertEquals(503, answer.status());
            assertEquals("interrupted, state CLOSED", Probe.next(probe));
            assertEquals("accept afterwards: IllegalStateException", Probe.next(probe));
        });
    }

    @Test
    void anOriginOutsideTheAllowedOnesGets403AndNeverRunsTheHandler() throws Exception {
        withServer(b -> b.allowedOrigins("https://good.example"), (server, client) -> {
            String evilProbe = Probe.newId();
            HandshakeRejected evil = assertThrows(
                    HandshakeRejected.class,
                    () -> client.connect(
                            "/test/return-without-accept?probe=" + evilProbe,
                            Map.of("Origin", "https://evil.example")));
            assertEquals(403, evil.status());
            String goodProbe = Probe.newId();
            try (TestConnection good = client.connect(
                    "/test/return-without-accept?probe=" + goodProbe, Map.of("Origin", "https://good.example"))) {
                assertEquals("state CONNECTING", Probe.next(goodProbe));
                assertEquals(1000, good.awaitClose().code());
            }
            String noOriginProbe = Probe.newId();
            try (TestConnection notABrowser = client.connect("/test/return-without-accept?probe=" + noOriginProbe)) {
                assertEquals("state CONNECTING", Probe.next(noOriginProbe), "a client with no Origin is no browser");
            }
            Probe.awaitHandlersEnded(server);
            Probe.assertNeverRan(evilProbe, "the refused origin");
        });
    }

    /** close() returns while the handler, ignoring its interrupt, still runs: it did not wait for it. */
    @Test
    void aHandlerIgnoringInterruptionDoesNotHoldCloseBeyondTheShutdownTimeout() throws Exception {
        WebSocketServer server = WebSocketServer.builder()
                .port(0)
                .shutdownTimeout(Duration.ofMillis(300))
                .build();
        server.start();
        String probe = Probe.newId();
        try (WebSocketTestClient client = WebSocketTestClient.of(server);
                TestConnection stubborn = client.connect("/test/stubborn?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            assertTimeoutPreemptively(Duration.ofSeconds(30), server::close);
            assertEquals(1001, stubborn.awaitClose().code());
            assertEquals("ignoring an interrupt", Probe.next(probe));
            assertTrue(Probe.quietFor(probe, 0), "the handler still runs after close() returned");
            assertThrows(
                    ConnectException.class,
                    () -> new Socket("127.0.0.1", server.port()).close(),
                    "the listener stopped");
        } finally {
            Probe.release(probe);
        }
        assertEquals("ended", Probe.next(probe));
    }

    @Test
    void aHandlerThrowingAnErrorStillClosesWith1011AndIsLoggedOnce() throws Exception {
        withServer(b -> b, (server, client) -> {
            try (LogCapture log = LogCapture.ofRoutes("/test/overflow");
                    TestConnection connection = client.connect("/test/overflow")) {
                connection.sendText("go");
                assertEquals(1011, connection.awaitClose().code());
                Probe.awaitHandlersEnded(server);
                assertEquals(
                        1, log.records().size(), () -> log.warningsAndErrors().toString());
                assertEquals(
                        StackOverflowError.class,
                        log.errors().get(0).getThrown().getClass());
            }
        });
    }
}

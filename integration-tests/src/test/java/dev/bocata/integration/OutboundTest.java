package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.SlowConsumerPolicy;
import dev.bocata.runtime.WebSocketServer;
import dev.bocata.runtime.internal.connection.Outbox;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import dev.bocata.testsupport.LogCapture;
import dev.bocata.testsupport.Probe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The outbound side against clients that stop reading, ping without reading, race their close
 * against a send, or write into the log; and the server's shutdown with such clients connected.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
// Connections held open in try blocks and never called: their being open is what the tests need.
@SuppressWarnings("try")
class OutboundTest {

    @Test
    void aMemberThatStopsReadingDoesNotHoldUpTheRoom() throws Exception {
        Servers.withServer(b -> b.outboundBufferSize(256 * 1024), (server, port, client) -> {
            String room = "/rooms/stalled-" + Probe.newId();
            try (Socket stalled = RawHandshake.nonReading(port, room);
                    TestConnection sender = client.connect(room)) {
                awaitMembers(port, room, 2);
                String payload = "p".repeat(64 * 1024);
                for (int i = 0; i < 200; i++) {
                    sender.sendText(ChatJson.chat(i + ":" + payload));
                    assertEquals(
                            ChatJson.chat(i + ":" + payload),
                            sender.receiveText(),
                            "the sender's own copy of message " + i);
                }
            }
        });
    }

    @Test
    void aHandlerSendingToAClientThatStopsReadingIsClosedWith1008AfterTheSendTimeout() throws Exception {
        Servers.withServer(
                b -> b.outboundBufferSize(64 * 1024).sendTimeout(Duration.ofMillis(500)), (server, port, client) -> {
                    String probe = Probe.newId();
                    try (Socket stalled = RawHandshake.nonReading(port, "/test/firehose/8192?probe=" + probe)) {
                        assertEquals("open", Probe.next(probe));
                        assertEquals("send threw WebSocketDisconnect 1008 slow consumer", Probe.next(probe));
                    }
                });
    }

    /**
     * The handler's close queues behind megabytes the client never reads: once the close grace
     * passes with nothing taken, the server cuts the socket, and the close frame never arrives.
     */
    @Test
    void aCloseFrameTheClientNeverTakesEndsInACutSocket() throws Exception {
        Servers.withServer(b -> b.outboundBufferSize(32 << 20), (server, port, client) -> {
            String probe = Probe.newId();
            // 20 MB: more than both sockets' kernel buffers hold (up to 4 MB each by default), so the close
            // waits in the server (the slow-consumer 1008 drops what is unsent: its close may reach the kernel)
            try (Socket stalled = RawHandshake.nonReading(port, "/test/flood-then-close/65536/320?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                assertEquals("closed", Probe.next(probe));
                assertCutWithoutACloseFrame(stalled);
            }
        });
    }

    /**
     * Pings the server without reading until a write fails: the server's end of the socket is gone
     * (a closed socket answers data with a reset). Fails if it is still there after many graces.
     * Then reads what is left: never the close frame, which was still queued in the server.
     */
    private static void assertCutWithoutACloseFrame(Socket stalled) throws Exception {
        // a grace, up to ten while the client's kernel still takes a few bytes, and room for a loaded machine
        Duration bound = Outbox.CLOSE_GRACE.multipliedBy(20);
        long deadline = System.nanoTime() + bound.toNanos();
        byte[] ping = RawFrames.frame(RawFrames.PING, new byte[0]);
        boolean cut = false;
        while (!cut && System.nanoTime() < deadline) {
            try {
                RawFrames.send(stalled, ping);
                Thread.sleep(50); // the pace of the probes; the cut is what the loop waits for
            } catch (IOException reset) {
                cut = true;
            }
        }
        assertTrue(cut, "the server still held the socket " + bound.toSeconds() + " s after its close");
        try {
            for (RawFrames.Frame frame = RawFrames.read(stalled); frame != null; frame = RawFrames.read(stalled)) {
                assertNotEquals(RawFrames.CLOSE, frame.opcode(), "the close frame got through: nothing was cut");
            }
        } catch (IOException reset) {
            // what the client had not read was discarded with the reset
        }
    }

    @Test
    void theServerClosesInTimeWhileAHandlerSendsToAClientThatStopsReading() throws Exception {
        String probe = Probe.newId();
        WebSocketServer server = WebSocketServer.builder()
                .port(0)
                .shutdownTimeout(Duration.ofSeconds(1))
                .build();
        server.start();
        try (Socket stalled = RawHandshake.nonReading(server.port(), "/test/firehose/65536?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            assertTimeoutPreemptively(Duration.ofSeconds(30), server::close);
            String seen = Probe.next(probe);
            assertTrue(seen.startsWith("send threw WebSocketDisconnect 1001"), seen);
        }
    }

    @Test
    void aClientThatPingsAndNeverReadsIsClosedNotBuffered() throws Exception {
        Servers.withServer(b -> b.outboundBufferSize(64 * 1024), (server, port, client) -> {
            String probe = Probe.newId();
            try (Socket pinger = RawHandshake.nonReading(port, "/test/await-disconnect?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                byte[] ping = RawFrames.frame(RawFrames.PING, new byte[125]);
                byte[] batch = new byte[ping.length * 100];
                for (int i = 0; i < 100; i++) {
                    System.arraycopy(ping, 0, batch, i * ping.length, ping.length);
                }
                int batches = 0;
                try {
                    for (; batches < 2_000; batches++) { // at most 200,000 pings, 26 MB of pongs
                        pinger.getOutputStream().write(batch);
                    }
                } catch (IOException terminated) {
                    // the server gave up on this client
                }
                assertEquals("disconnect 1008", Probe.next(probe), "after " + batches + " batches of 100 pings");
            }
        });
    }

    /** Under CLOSE, the send from another handler's thread throws; the slow client's own handler sees 1008. */
    @Test
    void anotherThreadsSendThatFindsTheBufferFullThrowsAndClosesTheSlowClientWith1008() throws Exception {
        Servers.withServer(b -> b.outboundBufferSize(64 * 1024), (server, port, client) -> {
            String target = Probe.newId();
            try (Socket stalled = RawHandshake.nonReading(port, "/test/target?probe=" + target)) {
                assertEquals("open", Probe.next(target));
                String pusher = Probe.newId();
                try (TestConnection push = client.connect("/test/push-to/" + target + "?probe=" + pusher)) {
                    assertEquals("send threw IllegalStateException", Probe.next(pusher));
                    assertEquals("disconnect 1008", Probe.next(target));
                    assertEquals(
                            1000, push.awaitClose().code(), "the sending handler's own connection is not its victim");
                }
            }
        });
    }

    @Test
    void underDropOldestAnotherThreadsSendsNeverWaitNorClose() throws Exception {
        Servers.withServer(
                b -> b.outboundBufferSize(64 * 1024).slowConsumerPolicy(SlowConsumerPolicy.DROP_OLDEST),
                (server, port, client) -> {
                    String room = "/rooms/drop-" + Probe.newId();
                    try (Socket stalled = RawHandshake.nonReading(port, room);
                            TestConnection sender = client.connect(room)) {
                        awaitMembers(port, room, 2);
                        String payload = "d".repeat(16 * 1024);
                        for (int i = 0; i < 300; i++) {
                            sender.sendText(ChatJson.chat(i + ":" + payload));
                            assertEquals(ChatJson.chat(i + ":" + payload), sender.receiveText());
                        }
                        assertEquals(
                                2,
                                RoomRoutes.chatMembersOf(port, room.substring("/rooms/".length())),
                                "the slow member is still in the room");
                    }
                });
    }

    @Test
    void aSendThatLosesTheRaceWithTheClientsCloseIsNotAFailure() throws Exception {
        Servers.withServer(b -> b, (server, port, client) -> {
            try (LogCapture log = LogCapture.ofRoutes("/echo", "/test/echo-later")) {
                List<Socket> sockets = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    RawHandshake raw = RawHandshake.open(port, i % 2 == 0 ? "/echo" : "/test/echo-later");
                    RawFrames.send(
                            raw.socket(),
                            RawFrames.text("last words"),
                            RawFrames.frame(RawFrames.CLOSE, new byte[] {0x03, (byte) 0xE8}));
                    sockets.add(raw.socket());
                }
                for (Socket socket : sockets) {
                    RawFrames.closeCode(socket);
                    socket.close();
                }
                Probe.awaitHandlersEnded(server);
                assertEquals(List.of(), log.warningsAndErrors());
            }
        });
    }

    @Test
    void aClientsCloseReasonCannotForgeALogLine() throws Exception {
        Servers.withServer(b -> b, (server, port, client) -> {
            try (LogCapture log = LogCapture.ofRoutes("/test/await-disconnect")) {
                String probe = Probe.newId();
                try (TestConnection connection = client.connect("/test/await-disconnect?probe=" + probe)) {
                    assertEquals("open", Probe.next(probe));
                    connection.close(4001, "bye\nSEVERE: forged entry");
                    assertEquals("disconnect 4001", Probe.next(probe));
                }
                Probe.awaitHandlersEnded(server);
                List<LogRecord> lines = log.records().stream()
                        .filter(r -> LogCapture.text(r).contains("forged"))
                        .toList();
                assertEquals(1, lines.size(), lines.toString());
                LogRecord line = lines.get(0);
                assertEquals(Level.WARNING, line.getLevel());
                assertFalse(LogCapture.text(line).contains("\n"), LogCapture.text(line));
                assertTrue(LogCapture.text(line).contains("bye\\nSEVERE: forged entry"), LogCapture.text(line));
                assertEquals(null, line.getThrown());
            }
        });
    }

    @Test
    void vanishingClientsMakeAFewWarningsNotTwentyErrors() throws Exception {
        Servers.withServer(b -> b, (server, port, client) -> {
            try (LogCapture log = LogCapture.ofRoutes("/test/uncaught")) {
                for (int i = 0; i < 20; i++) {
                    String probe = Probe.newId();
                    RawHandshake raw = RawHandshake.open(port, "/test/uncaught?probe=" + probe);
                    assertEquals("open", Probe.next(probe));
                    raw.close(); // no close frame: 1006
                }
                Probe.awaitHandlersEnded(server);
                assertEquals(
                        List.of(), log.errors().stream().map(LogCapture::text).toList());
                List<String> lines = log.warningsAndErrors();
                assertEquals(3, lines.size(), lines + ": three lines about /test/uncaught in ten seconds, then none");
            }
        });
    }

    @Test
    void aHandlerInterruptedAtShutdownIsNotLoggedAsAFailure() throws Exception {
        String probe = Probe.newId();
        try (LogCapture log = LogCapture.ofRoutes("/test/sleeper")) {
            WebSocketServer server = WebSocketServer.builder()
                    .port(0)
                    .shutdownTimeout(Duration.ofMillis(200))
                    .build();
            server.start();
            try (WebSocketTestClient client = WebSocketTestClient.of(server);
                    TestConnection connection = client.connect("/test/sleeper?probe=" + probe)) {
                assertEquals(
                        "open bocata /test/sleeper", Probe.next(probe), "the handler thread is named after its route");
                server.close();
                assertEquals("disconnect 1001", Probe.next(probe));
            }
            Probe.awaitHandlersEnded(server);
            assertEquals(List.of(), log.warningsAndErrors());
        }
    }

    @Test
    void aSecondCloseReturnsOnlyOnceTheServerHasStopped() throws Exception {
        String probe = Probe.newId();
        WebSocketServer server = WebSocketServer.builder()
                .port(0)
                .shutdownTimeout(Duration.ofMillis(500))
                .build();
        server.start();
        int port = server.port();
        try (WebSocketTestClient client = WebSocketTestClient.of(server);
                TestConnection connection = client.connect("/test/sleeper?probe=" + probe)) {
            assertTrue(Probe.next(probe).startsWith("open"));
            CompletableFuture<Void> first = CompletableFuture.runAsync(server::close);
            assertEquals("disconnect 1001", Probe.next(probe)); // the first close is under way
            server.close();
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
            first.get(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The handler decides only after more than the idle timeout has passed since the request;
     * the connection it then accepts is open and echoes.
     */
    @Test
    void theIdleClockStartsAtAcceptNotAtTheRequest() throws Exception {
        Duration idleTimeout = Duration.ofSeconds(1);
        Servers.withServer(b -> b.idleTimeout(idleTimeout), (server, port, client) -> {
            String probe = Probe.newId();
            try (ExecutorService connecting = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<TestConnection> accepted =
                        connecting.submit(() -> client.connect("/test/accept-late-then-echo?probe=" + probe));
                assertEquals("deciding", Probe.next(probe));
                Thread.sleep(idleTimeout.toMillis() + 500); // the time under test: past the idle timeout of the request
                Probe.release(probe);
                try (TestConnection connection = accepted.get()) {
                    assertEquals("open", Probe.next(probe));
                    connection.sendText("still here");
                    assertEquals("still here", connection.receiveText());
                }
            }
        });
    }

    @Test
    void theLargestMaxMessageSizeIsServed() throws Exception {
        Servers.withServer(b -> b.maxMessageSize(Integer.MAX_VALUE), (server, port, client) -> {
            try (TestConnection connection = client.connect("/echo")) {
                connection.sendText("hi");
                assertEquals("hi", connection.receiveText());
            }
        });
    }

    private static void awaitMembers(int port, String roomPath, int count) throws InterruptedException {
        RoomRoutes.awaitChatMembers(port, roomPath.substring("/rooms/".length()), count);
    }
}

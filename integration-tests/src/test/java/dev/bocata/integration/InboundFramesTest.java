package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testsupport.Probe;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Frames a hostile client sends after the upgrade, over raw sockets: an oversized frame, frames
 * before it in the same read, unmasked frames. Each ends its own connection once, with the right
 * code, and nothing else.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@Isolated("listens on the root logger: Grizzly's and Tyrus' lines do not say which server wrote them")
class InboundFramesTest {

    private static final int MAX_MESSAGE_SIZE = 1000;

    private static WebSocketServer server;
    private static int port;

    /** Everything logged in the JVM (Grizzly's and Tyrus' loggers included) during one test. */
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();

    private final Handler everything = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
    };

    @BeforeAll
    static void startServer() {
        server = WebSocketServer.builder()
                .port(0)
                .maxMessageSize(MAX_MESSAGE_SIZE)
                .build();
        server.start();
        port = server.port();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void captureLogs() {
        Logger.getLogger("").addHandler(everything);
    }

    @AfterEach
    void releaseLogs() {
        Logger.getLogger("").removeHandler(everything);
    }

    @Test
    void framesSentInTheSameWriteAsTheUpgradeRequestReachTheHandlerAfterThe101() throws Exception {
        String probe = Probe.newId();
        byte[] request = ("GET /test/collect?probe=" + probe + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Key: " + RawHandshake.SAMPLE_KEY + "\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        try (RawHandshake raw =
                RawHandshake.send(port, concat(request, RawFrames.text("early"), RawFrames.text("too")))) {
            assertEquals("HTTP/1.1 101 Switching Protocols", raw.statusLine());
            assertEquals("open", Probe.next(probe));
            assertEquals("message early", Probe.next(probe));
            assertEquals("message too", Probe.next(probe));
            RawFrames.send(raw.socket(), RawFrames.text("after"));
            assertEquals("message after", Probe.next(probe));
        }
    }

    @Test
    void aClientThatResetsAfterItsMessagesHasEachMessageTheServerReadDeliveredBeforeThe1006() throws Exception {
        for (int round = 0; round < 20; round++) {
            String probe = Probe.newId();
            RawHandshake raw = RawHandshake.open(port, "/test/collect?probe=" + probe);
            assertEquals("open", Probe.next(probe));
            RawFrames.send(raw.socket(), concat(RawFrames.text("a0"), RawFrames.text("a1"), RawFrames.text("a2")));
            for (int i = 0; i < 3; i++) {
                assertEquals("message a" + i, Probe.next(probe));
            }
            // More messages, then a reset (RST, no close frame): read or not, none may come after the 1006.
            RawFrames.send(
                    raw.socket(),
                    concat(
                            RawFrames.text("b0"),
                            RawFrames.text("b1"),
                            RawFrames.text("b2"),
                            RawFrames.text("b3"),
                            RawFrames.text("b4")));
            raw.socket().setSoLinger(true, 0);
            raw.socket().close();
            List<String> after = new java.util.ArrayList<>();
            String next = Probe.next(probe);
            for (; !next.startsWith("disconnect"); next = Probe.next(probe)) {
                after.add(next);
            }
            assertEquals("disconnect 1006", next, "round " + round);
            for (int i = 0; i < after.size(); i++) {
                assertEquals("message b" + i, after.get(i), "round " + round + ": " + after);
            }
            assertTrue(Probe.quietFor(probe, 100), "round " + round + ": nothing after the disconnect");
        }
    }

    @Test
    void anOversizedFrameFromAClientThatGoesOnSendingClosesOnceWith1009() throws Exception {
        String probe = Probe.newId();
        try (RawHandshake raw = RawHandshake.open(port, "/test/collect?probe=" + probe)) {
            assertEquals("HTTP/1.1 101 Switching Protocols", raw.statusLine());
            assertEquals("open", Probe.next(probe));
            sendOversizedFrameInManyReads(raw.socket());
            assertEquals("disconnect 1009", Probe.next(probe));
            RawFrames.Frame close = RawFrames.read(raw.socket());
            assertEquals(RawFrames.CLOSE, close.opcode());
            assertEquals(1009, close.closeCode());
            assertNull(RawFrames.read(raw.socket()), "nothing after the one close frame, then the end of the stream");
        }
        assertNothingLoggedAtWarningOrAbove();
    }

    /**
     * The refused header, then more of the frame in many small reads (the pauses keep them apart),
     * as a client does that goes on sending; stops quietly if the server closes the socket.
     */
    private static void sendOversizedFrameInManyReads(Socket socket) throws InterruptedException {
        byte[] frame = RawFrames.frame(RawFrames.TEXT, new byte[100_000]);
        try {
            for (int at = 0; at < 4000; at += 100) {
                socket.getOutputStream().write(frame, at, 100);
                socket.getOutputStream().flush();
                Thread.sleep(5);
            }
        } catch (IOException closedByTheServer) {
            // the server may close the socket as soon as its close frame is out
        }
    }

    @Test
    void completeMessagesBeforeAnOversizedFrameInTheSameReadReachTheHandler() throws Exception {
        String probe = Probe.newId();
        try (RawHandshake raw = RawHandshake.open(port, "/test/collect?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            byte[] oversizedStart =
                    java.util.Arrays.copyOf(RawFrames.frame(RawFrames.TEXT, new byte[MAX_MESSAGE_SIZE + 1]), 40);
            RawFrames.send(raw.socket(), concat(RawFrames.text("one"), RawFrames.text("two"), oversizedStart));
            assertEquals("message one", Probe.next(probe));
            assertEquals("message two", Probe.next(probe));
            assertEquals("disconnect 1009", Probe.next(probe));
            assertEquals(1009, RawFrames.closeCode(raw.socket()));
        }
    }

    @Test
    void anUnmaskedClientFrameClosesWith1002AndIsNotDelivered() throws Exception {
        String probe = Probe.newId();
        try (RawHandshake raw = RawHandshake.open(port, "/test/collect?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            byte[] unmasked = RawFrames.frame(true, 0, RawFrames.TEXT, "sneaky".getBytes(), false);
            RawFrames.send(raw.socket(), concat(RawFrames.text("masked"), unmasked, RawFrames.text("after")));
            assertEquals("message masked", Probe.next(probe));
            assertEquals("disconnect 1002", Probe.next(probe), "the unmasked frame and what follows are dropped");
            RawFrames.Frame close = RawFrames.read(raw.socket());
            assertEquals(1002, close.closeCode());
            assertNull(RawFrames.read(raw.socket()), "the socket is closed after the close frame");
        }
        assertNothingLoggedAtWarningOrAbove();
    }

    @Test
    void anUnmaskedCloseFrameIsAProtocolErrorToo() throws Exception {
        String probe = Probe.newId();
        try (RawHandshake raw = RawHandshake.open(port, "/test/collect?probe=" + probe)) {
            assertEquals("open", Probe.next(probe));
            RawFrames.send(
                    raw.socket(), RawFrames.frame(true, 0, RawFrames.CLOSE, new byte[] {0x03, (byte) 0xE8}, false));
            assertEquals("disconnect 1002", Probe.next(probe));
            assertEquals(1002, RawFrames.closeCode(raw.socket()));
        }
    }

    @Test
    void aMaskedMessageAtTheLimitSplitAcrossManyReadsStillPasses() throws Exception {
        try (RawHandshake raw = RawHandshake.open(port, "/echo")) {
            byte[] payload = "é".repeat(MAX_MESSAGE_SIZE / 2).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] frame = RawFrames.frame(RawFrames.TEXT, payload);
            for (byte b : frame) { // one byte per write: headers split at every point
                raw.socket().getOutputStream().write(b);
                raw.socket().getOutputStream().flush();
            }
            RawFrames.Frame echo = RawFrames.read(raw.socket());
            assertArrayEquals(payload, echo.payload());
        }
    }

    /**
     * Nothing from Grizzly or Tyrus, nor about the route under test, at WARNING or above. The close
     * was seen by the client and the handler: what the read path logs came before.
     */
    private void assertNothingLoggedAtWarningOrAbove() {
        List<String> warnings = logged.stream()
                .filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .filter(r -> r.getLoggerName().startsWith("org.glassfish")
                        || String.valueOf(r.getMessage()).contains("/test/collect"))
                .map(r ->
                        r.getLoggerName() + ": " + r.getMessage() + (r.getThrown() == null ? "" : " " + r.getThrown()))
                .toList();
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

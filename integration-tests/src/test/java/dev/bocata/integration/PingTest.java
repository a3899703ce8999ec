package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.RawFrames;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testsupport.Probe;
import dev.bocata.testsupport.WsClient;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Keepalive pings: sent every interval, answered by live clients, and how a silent one ends. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
// Connections held open in try blocks and never called: their being open is what the tests need.
@SuppressWarnings("try")
class PingTest {

    /** For clients that never answer: how soon they are found. */
    private static final Duration INTERVAL = Duration.ofMillis(500);
    /**
     * For clients that answer: the interval is all the time a client has to answer, and on a
     * loaded machine a pong (the client's thread, then the server's read) can take longer than 500 ms.
     */
    private static final Duration ANSWERED_INTERVAL = Duration.ofSeconds(2);

    private static WebSocketServer start(Duration interval, Duration idleTimeout) {
        WebSocketServer server = WebSocketServer.builder()
                .port(0)
                .pingInterval(interval)
                .idleTimeout(idleTimeout)
                .build();
        server.start();
        return server;
    }

    @Test
    void aPingGoesOutEveryIntervalAndAClientThatAnswersStaysOpen() throws Exception {
        try (WebSocketServer server = start(ANSWERED_INTERVAL, Duration.ZERO)) {
            String probe = Probe.newId();
            try (Socket client = RawHandshake.nonReading(server.port(), "/test/pinged?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                long start = System.nanoTime();
                for (int i = 0; i < 3; i++) {
                    RawFrames.Frame ping = RawFrames.read(client);
                    assertEquals(RawFrames.PING, ping.opcode(), "frame " + i);
                    RawFrames.send(client, RawFrames.frame(RawFrames.PONG, ping.payload()));
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis >= 2 * ANSWERED_INTERVAL.toMillis() - 50, "three pings in " + millis + " ms");
                RawFrames.send(client, RawFrames.text("still here"));
                RawFrames.Frame echo = RawFrames.read(client);
                while (echo.opcode() == RawFrames.PING) {
                    RawFrames.send(client, RawFrames.frame(RawFrames.PONG, echo.payload()));
                    echo = RawFrames.read(client);
                }
                assertEquals("still here", echo.text());
            }
        }
    }

    @Test
    void anOrdinaryClientAnswersByItselfAndStaysOpen() throws Exception {
        try (WebSocketServer server = start(ANSWERED_INTERVAL, Duration.ZERO)) {
            String probe = Probe.newId();
            try (WsClient client = WsClient.connect(server.port(), "/test/pinged?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                assertTrue(
                        Probe.quietFor(probe, 3 * ANSWERED_INTERVAL.toMillis()), "closed while it answered every ping");
                client.send("hi");
                assertEquals("hi", client.nextText());
            }
        }
    }

    @Test
    void aClientThatNeverAnswersIsClosedWith1001AndItsHandlerSeesIt() throws Exception {
        try (WebSocketServer server = start(INTERVAL, Duration.ZERO)) {
            String probe = Probe.newId();
            try (Socket client = RawHandshake.nonReading(server.port(), "/test/pinged?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                assertEquals(RawFrames.PING, RawFrames.read(client).opcode());
                assertEquals("disconnect 1001 no pong within the ping interval", Probe.next(probe));
                RawFrames.Frame close = RawFrames.read(client);
                assertEquals(RawFrames.CLOSE, close.opcode());
                assertEquals(1001, close.closeCode());
            }
        }
    }

    @Test
    void aVanishedClientIsFoundWithinTwoIntervals() throws Exception {
        try (WebSocketServer server = start(INTERVAL, Duration.ZERO)) {
            String probe = Probe.newId();
            // Stops reading and never answers, and the socket stays up: TCP alone would not notice for minutes.
            try (Socket client = RawHandshake.nonReading(server.port(), "/test/pinged?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                long vanished = System.nanoTime();
                assertEquals("disconnect 1001 no pong within the ping interval", Probe.next(probe));
                long millis = (System.nanoTime() - vanished) / 1_000_000;
                // two intervals, and room for a loaded machine's late timer (TCP alone: minutes)
                assertTrue(millis <= 2 * INTERVAL.toMillis() + 2_000, "found after " + millis + " ms");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (server.connectionCount() > 0) {
                    assertTrue(System.nanoTime() < deadline, "the handler did not end");
                    Thread.sleep(10);
                }
            }
        }
    }

    @Test
    void pingsAndPongsAreNotActivityForTheIdleTimeout() throws Exception {
        // two pings and their pongs go on during the idle time
        Duration idle = ANSWERED_INTERVAL.multipliedBy(5).dividedBy(2);
        try (WebSocketServer server = start(ANSWERED_INTERVAL, idle)) {
            String probe = Probe.newId();
            // The clock starts before the connection, so it can only overstate the idle time (never
            // understate it, as a clock started once the handler's report was read would under load).
            long start = System.nanoTime();
            try (WsClient client = WsClient.connect(server.port(), "/test/pinged?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                assertEquals("disconnect 1001 idle timeout", Probe.next(probe), "pings went on meanwhile");
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis >= idle.toMillis() - 50, "closed after " + millis + " ms");
                assertEquals(1001, client.nextClose().code());
            }
        }
    }

    @Test
    void noPingsByDefault() throws Exception {
        try (WebSocketServer server = WebSocketServer.builder().port(0).build()) {
            server.start();
            String probe = Probe.newId();
            try (Socket client = RawHandshake.nonReading(server.port(), "/test/pinged?probe=" + probe)) {
                assertEquals("open", Probe.next(probe));
                client.setSoTimeout(1_000);
                AssertionError quiet = assertThrows(AssertionError.class, () -> RawFrames.read(client));
                assertTrue(quiet.getCause() instanceof SocketTimeoutException, quiet.toString());
            }
        }
    }

    @Test
    void theIntervalIsZeroOrAtLeastTenMilliseconds() {
        WebSocketServer.Builder builder = WebSocketServer.builder();
        assertThrows(IllegalArgumentException.class, () -> builder.pingInterval(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> builder.pingInterval(Duration.ofMillis(9)));
        builder.pingInterval(Duration.ZERO);
        builder.pingInterval(Duration.ofMillis(10));
    }
}

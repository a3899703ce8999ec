package dev.bocata.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bocata.runtime.WebSocketServer;
import dev.bocata.testing.RawHandshake;
import dev.bocata.testing.TestConnection;
import dev.bocata.testing.WebSocketTestClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A client that never completes its request is not held for ever: the handshake timeout bounds
 * the time from connecting to the end of the request's headers too.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
// One test closes its socket inside the try block on purpose, before it joins the trickling thread.
@SuppressWarnings("try")
class RequestTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(1000);

    private static WebSocketServer server;
    private static int port;

    @BeforeAll
    static void startServer() {
        server = WebSocketServer.builder().port(0).handshakeTimeout(TIMEOUT).build();
        server.start();
        port = server.port();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void halfARequestLineAndThenNothingGets408AndIsClosed() throws Exception {
        try (Socket socket = RawHandshake.connect(port)) {
            long start = System.nanoTime();
            socket.getOutputStream().write("GET /echo HT".getBytes(StandardCharsets.ISO_8859_1));
            String head = RawHandshake.readHead(socket);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(head.startsWith("HTTP/1.1 408 Request Timeout\r\n"), head);
            assertTrue(head.contains("Content-Length: 0\r\n"), head);
            assertEquals(-1, socket.getInputStream().read(), "closed after the answer");
            assertTrue(millis >= TIMEOUT.toMillis() - 50, "not before the timeout: " + millis + " ms");
        }
    }

    @Test
    void aClientTricklingOneHeaderByteAtATimeIsClosedAtTheSameDeadline() throws Exception {
        try (Socket socket = RawHandshake.connect(port)) {
            OutputStream out = socket.getOutputStream();
            out.write("GET /echo HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.ISO_8859_1));
            AtomicInteger trickled = new AtomicInteger();
            Thread trickle = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < 100; i++) { // 20 s at most, if nothing stops it
                        out.write('z');
                        out.flush();
                        trickled.incrementAndGet();
                        Thread.sleep(200);
                    }
                } catch (IOException | InterruptedException stopped) {
                    // the server closed the socket
                }
            });
            // The 408 comes first, but a byte trickled after the server closed can make the
            // client's system reset the connection and drop it unread: the end is what counts.
            String head;
            try {
                head = RawHandshake.readHead(socket);
                assertEquals(-1, socket.getInputStream().read());
            } catch (SocketException reset) {
                head = "";
            }
            assertTrue(head.isEmpty() || head.startsWith("HTTP/1.1 408 Request Timeout\r\n"), head);
            socket.close();
            trickle.join();
            assertTrue(trickled.get() < 30, "the trickle was cut off after about 1 s: " + trickled.get() + " bytes");
        }
    }

    @Test
    void anUpgradedConnectionOutlivesTheRequestTimeout() throws Exception {
        // A server of its own with the default timeout: on a loaded machine /echo's handler took
        // longer than 3 s to accept (a 503, not what is tested here).
        Duration timeout = Duration.ofSeconds(10);
        try (WebSocketServer slower =
                WebSocketServer.builder().port(0).handshakeTimeout(timeout).build()) {
            slower.start();
            try (WebSocketTestClient client = WebSocketTestClient.of(slower);
                    TestConnection connection = client.connect("/echo")) {
                // time passing is what is tested here: the timeout, and three of its once-a-second checks
                Thread.sleep(timeout.toMillis() + 3_000);
                connection.sendText("still here");
                assertEquals("still here", connection.receiveText());
            }
        }
    }

    @Test
    void aPlainHttpConnectionLeftIdleAfterItsAnswerIsClosed() throws Exception {
        try (Socket socket = RawHandshake.connect(port)) {
            socket.getOutputStream()
                    .write("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String head = RawHandshake.readHead(socket);
            assertTrue(head.startsWith("HTTP/1.1 404 "), head);
            assertEquals(-1, socket.getInputStream().read(), "the keep-alive connection is closed once idle");
        }
    }
}
